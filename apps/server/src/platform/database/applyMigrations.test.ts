import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyTestDatabase, type TestDatabase } from '../../test-support/database.js';
import { applyPendingMigrations, readMigrations } from './applyMigrations.js';

const migrationsDir = path.resolve(import.meta.dirname, '../../../../../prisma/migrations');

const databases: TestDatabase[] = [];
async function emptyDatabase(): Promise<TestDatabase> {
  const db = await createEmptyTestDatabase();
  databases.push(db);
  return db;
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  started_at: Date;
  logs: string | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

const migrationRows = (url: string) =>
  query<MigrationRow>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');

const tables = async (url: string) =>
  (
    await query<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    )
  ).map((row) => row.table_name);

/** A migrations folder of our own, for cases the real one doesn't have. */
const tempDirs: string[] = [];
async function migrationsFolder(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'confab-migrations-'));
  tempDirs.push(dir);
  await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
});

describe('applyPendingMigrations against the real migrations', () => {
  let db: TestDatabase;
  let names: string[];
  let firstRun: { applied: string[] };

  beforeAll(async () => {
    names = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    db = await emptyDatabase();
    firstRun = await applyPendingMigrations(db.url, migrationsDir);
  });

  it('applies every migration to an empty database, in order', async () => {
    expect(names.length).toBeGreaterThan(0);
    expect(firstRun.applied).toEqual(names);
    expect(await tables(db.url)).toEqual(
      expect.arrayContaining([
        'User',
        'Device',
        'Conversation',
        'Membership',
        'Message',
        'Reaction',
        '_prisma_migrations',
      ]),
    );
  });

  it('applies nothing the second time', async () => {
    expect(await applyPendingMigrations(db.url, migrationsDir)).toEqual({ applied: [] });
    expect((await migrationRows(db.url)).map((row) => row.migration_name)).toEqual(names);
  });

  it('creates _prisma_migrations exactly as Prisma does', async () => {
    const columns = await query(
      db.url,
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = '_prisma_migrations'
        ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      {
        column_name: 'id',
        data_type: 'character varying',
        length: 36,
        is_nullable: 'NO',
        column_default: null,
      },
      {
        column_name: 'checksum',
        data_type: 'character varying',
        length: 64,
        is_nullable: 'NO',
        column_default: null,
      },
      {
        column_name: 'finished_at',
        data_type: 'timestamp with time zone',
        length: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'migration_name',
        data_type: 'character varying',
        length: 255,
        is_nullable: 'NO',
        column_default: null,
      },
      { column_name: 'logs', data_type: 'text', length: null, is_nullable: 'YES', column_default: null },
      {
        column_name: 'rolled_back_at',
        data_type: 'timestamp with time zone',
        length: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'started_at',
        data_type: 'timestamp with time zone',
        length: null,
        is_nullable: 'NO',
        column_default: 'now()',
      },
      {
        column_name: 'applied_steps_count',
        data_type: 'integer',
        length: null,
        is_nullable: 'NO',
        column_default: '0',
      },
    ]);
    const primaryKey = await query(
      db.url,
      `SELECT a.attname AS column FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = '"_prisma_migrations"'::regclass AND i.indisprimary`,
    );
    expect(primaryKey).toEqual([{ column: 'id' }]);
  });

  it('records each migration the way prisma migrate deploy does', async () => {
    const rows = await migrationRows(db.url);
    expect(rows).toHaveLength(names.length);
    for (const row of rows) {
      const script = await readFile(path.join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.checksum).toBe(createHash('sha256').update(script).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });
});

describe('applyPendingMigrations', () => {
  it('applies each migration once when two processes start at the same time', async () => {
    // Slow migrations widen the window in which two unsynchronised runs would both apply one.
    const dir = await migrationsFolder({
      '20240101000000_a': 'CREATE TABLE "A" (id INTEGER PRIMARY KEY);\nSELECT pg_sleep(0.2);\n',
      '20240102000000_b': 'CREATE TABLE "B" (id INTEGER PRIMARY KEY);\nSELECT pg_sleep(0.2);\n',
      '20240103000000_c': 'INSERT INTO "A" VALUES (1);\nSELECT pg_sleep(0.2);\n',
    });
    const db = await emptyDatabase();
    const runs = await Promise.all([
      applyPendingMigrations(db.url, dir),
      applyPendingMigrations(db.url, dir),
    ]);

    const all = runs.flatMap((run) => run.applied).sort();
    expect(all).toEqual(['20240101000000_a', '20240102000000_b', '20240103000000_c']);
    const rows = await migrationRows(db.url);
    expect(rows.map((row) => row.migration_name)).toEqual(all);
    expect(await query(db.url, 'SELECT id FROM "A"')).toEqual([{ id: 1 }]);
  });

  it('applies each real migration once when two processes start at the same time', async () => {
    const db = await emptyDatabase();
    const runs = await Promise.all([
      applyPendingMigrations(db.url, migrationsDir),
      applyPendingMigrations(db.url, migrationsDir),
    ]);
    const names = (await readMigrations(migrationsDir)).map((m) => m.name);
    expect(runs.flatMap((run) => run.applied).sort()).toEqual([...names].sort());
    expect((await migrationRows(db.url)).map((row) => row.migration_name)).toEqual([...names].sort());
  });

  it('applies only the migrations added since the last run', async () => {
    const first = {
      '20240101000000_a': 'CREATE TABLE "A" (id INTEGER PRIMARY KEY);\n',
    };
    const db = await emptyDatabase();
    expect(await applyPendingMigrations(db.url, await migrationsFolder(first))).toEqual({
      applied: ['20240101000000_a'],
    });
    const both = await migrationsFolder({
      ...first,
      '20240102000000_b': 'ALTER TABLE "A" ADD COLUMN b TEXT;\n',
    });
    expect(await applyPendingMigrations(db.url, both)).toEqual({ applied: ['20240102000000_b'] });
  });

  it('rolls a failing migration back completely and records nothing for it', async () => {
    const good = { '20240101000000_a': 'CREATE TABLE "A" (id INTEGER PRIMARY KEY);\n' };
    const db = await emptyDatabase();
    const broken = await migrationsFolder({
      ...good,
      '20240102000000_b': 'CREATE TABLE "B" (id INTEGER PRIMARY KEY);\nSELECT 1/0;\n',
    });
    await expect(applyPendingMigrations(db.url, broken)).rejects.toThrow(
      /Migration 20240102000000_b failed to apply: division by zero/,
    );
    expect(await tables(db.url)).toEqual(['A', '_prisma_migrations']);
    expect((await migrationRows(db.url)).map((row) => row.migration_name)).toEqual(['20240101000000_a']);

    const fixed = await migrationsFolder({
      ...good,
      '20240102000000_b': 'CREATE TABLE "B" (id INTEGER PRIMARY KEY);\n',
    });
    expect(await applyPendingMigrations(db.url, fixed)).toEqual({ applied: ['20240102000000_b'] });
  });

  it('runs a migration that has its own BEGIN/COMMIT as Prisma does', async () => {
    // What Prisma renders when an enum loses a value.
    const dir = await migrationsFolder({
      '20240101000000_a': `CREATE TYPE "Role" AS ENUM ('a', 'b');\n`,
      '20240102000000_b': `-- AlterEnum\nBEGIN;\nCREATE TYPE "Role_new" AS ENUM ('a');\nALTER TYPE "Role" RENAME TO "Role_old";\nALTER TYPE "Role_new" RENAME TO "Role";\nDROP TYPE "Role_old";\nCOMMIT;\n`,
    });
    const db = await emptyDatabase();
    expect(await applyPendingMigrations(db.url, dir)).toEqual({
      applied: ['20240101000000_a', '20240102000000_b'],
    });
    const rows = await migrationRows(db.url);
    expect(
      rows.map((row) => [row.migration_name, row.applied_steps_count, row.finished_at !== null]),
    ).toEqual([
      ['20240101000000_a', 1, true],
      ['20240102000000_b', 1, true],
    ]);
    expect(await query(db.url, `SELECT enum_range(NULL::"Role")::text AS labels`)).toEqual([
      { labels: '{a}' },
    ]);
  });

  it('refuses to run while Prisma has a failed migration on record, like migrate deploy (P3009)', async () => {
    const dir = await migrationsFolder({
      '20240101000000_a': 'CREATE TABLE "A" (id INTEGER PRIMARY KEY);\n',
    });
    const db = await emptyDatabase();
    await applyPendingMigrations(db.url, await migrationsFolder({}));
    await query(
      db.url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, applied_steps_count)
       VALUES ('00000000-0000-4000-8000-000000000000', $1, '20231231000000_broken', 'syntax error', 0)`,
      ['0'.repeat(64)],
    );
    await expect(applyPendingMigrations(db.url, dir)).rejects.toThrow(
      /failed migrations[\s\S]*20231231000000_broken[\s\S]*syntax error/,
    );
    expect(await tables(db.url)).toEqual(['_prisma_migrations']);
  });

  it('warns about a migration edited after it was applied, and applies nothing again', async () => {
    const db = await emptyDatabase();
    await applyPendingMigrations(
      db.url,
      await migrationsFolder({ '20240101000000_a': 'CREATE TABLE "A" (id INTEGER PRIMARY KEY);\n' }),
    );
    const warnings: string[] = [];
    const edited = await migrationsFolder({
      '20240101000000_a': 'CREATE TABLE "A" (id BIGINT PRIMARY KEY);\n',
    });
    expect(await applyPendingMigrations(db.url, edited, { warn: (m) => warnings.push(m) })).toEqual({
      applied: [],
    });
    expect(warnings).toEqual([expect.stringContaining('20240101000000_a was modified after it was applied')]);
  });
});
