import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

import { PG_BASE_URL_ENV, TEMPLATE_DATABASE } from './provided.js';

export { TEMPLATE_DATABASE };

/** The test PostgreSQL server's URL (maintenance database), as globalSetup published it. */
export function testServerUrl(): string {
  const url = process.env[PG_BASE_URL_ENV] ?? inject('confabTestPgBaseUrl');
  if (!url) {
    throw new Error(
      'No test PostgreSQL server: run the tests with the root vitest.config.ts (its globalSetup starts one).',
    );
  }
  return url;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

let counter = 0;

async function admin<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function create(template: string): Promise<TestDatabase> {
  counter += 1;
  const name = `confab_test_${process.pid}_${counter}_${randomBytes(3).toString('hex')}`;
  await admin(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  let dropped = false;
  return {
    name,
    url: databaseUrl(testServerUrl(), name),
    async drop() {
      if (dropped) return;
      dropped = true;
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/**
 * A new database with the current migrations applied (a copy of `confab_template`), for one test
 * file or one test: files run in parallel, each against its own database.
 */
export function createTestDatabase(): Promise<TestDatabase> {
  return create(TEMPLATE_DATABASE);
}

/** A new, empty database (no tables, no `_prisma_migrations`). */
export function createEmptyTestDatabase(): Promise<TestDatabase> {
  return create('template0');
}
