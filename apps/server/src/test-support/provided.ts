/** What globalSetup hands the test workers. */

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the test PostgreSQL server's maintenance database. */
    confabTestPgBaseUrl: string;
  }
}

/** Environment variable with the same URL (inherited by the forked test workers). */
export const PG_BASE_URL_ENV = 'CONFAB_TEST_PG_BASE_URL';

/** The database globalSetup migrates; every test database is a copy of it. */
export const TEMPLATE_DATABASE = 'confab_template';
