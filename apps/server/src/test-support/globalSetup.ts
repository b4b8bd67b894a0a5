import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyPendingMigrations } from '../platform/database/applyMigrations.js';
import { startPostgres } from './postgres.js';
import { PG_BASE_URL_ENV, TEMPLATE_DATABASE } from './provided.js';

const migrationsDir = path.resolve(import.meta.dirname, '../../../../prisma/migrations');

/**
 * Vitest globalSetup: one throwaway PostgreSQL server for the whole run, with the database
 * `confab_template` migrated to the current schema. Test files clone it (`createTestDatabase()`),
 * which takes a few milliseconds. The server's URL reaches the workers as
 * CONFAB_TEST_PG_BASE_URL and as `inject('confabTestPgBaseUrl')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const cluster = await startPostgres();
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
      const { applied } = await applyPendingMigrations(cluster.urlFor(TEMPLATE_DATABASE), migrationsDir);
      // Nobody may connect to the template any more: CREATE DATABASE ... TEMPLATE needs it unused.
      await admin.query(
        `ALTER DATABASE "${TEMPLATE_DATABASE}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`,
      );
      if (process.env.CONFAB_TEST_VERBOSE) {
        console.log(
          `[globalSetup] PostgreSQL on ${cluster.host}:${cluster.port}, ${applied.length} migration(s) in ${Date.now() - started} ms`,
        );
      }
    } finally {
      await admin.end();
    }
  } catch (error) {
    await cluster.stop();
    throw error;
  }

  process.env[PG_BASE_URL_ENV] = cluster.url;
  project.provide('confabTestPgBaseUrl', cluster.url);

  return async () => {
    await cluster.stop();
  };
}
