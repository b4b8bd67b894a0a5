import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPendingMigrations } from '../apps/server/src/platform/database/applyMigrations.js';
import { createEmptyTestDatabase, type TestDatabase } from '../apps/server/src/test-support/database.js';
import {
  databaseTarget,
  diff,
  MIGRATION_LOCK_TOML,
  migrationsDir,
  migrationsTarget,
  type OpenedEngine,
  openSchemaEngine,
  readMigrationList,
  schemaPath,
  schemaTarget,
} from '../scripts/db/schemaEngine.js';

/**
 * prisma/migrations must build exactly the schema in prisma/schema.prisma. When this fails, run
 * `npm run db:migrate:create -- <name>` to add the missing migration.
 */

const FILTERS = { externalTables: [], externalEnums: [] };

async function rows<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('prisma/migrations', () => {
  let db: TestDatabase;
  let opened: OpenedEngine;
  let tempDir: string;

  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'confab-schema-'));
    db = await createEmptyTestDatabase();
    await applyPendingMigrations(db.url, migrationsDir);
    opened = await openSchemaEngine(db.url);
  });

  afterAll(async () => {
    await opened?.close();
    await db?.drop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  });

  it('the migrations produce exactly the schema in schema.prisma', async () => {
    const hint = 'schema.prisma differs from prisma/migrations: run npm run db:migrate:create -- <name>';
    // The database as applyPendingMigrations (the server's start-up path) builds it...
    const fromDatabase = await diff(opened.engine, await databaseTarget(), await schemaTarget());
    expect(fromDatabase.script, hint).not.toMatch(/^\s*(CREATE|ALTER|DROP)\b/im);
    expect(fromDatabase.changed).toBe(false);

    // ...and as Prisma's engine replays the folder into a shadow database (what migrate dev does).
    const fromMigrations = await diff(opened.engine, await migrationsTarget(), await schemaTarget());
    expect(fromMigrations.script, hint).not.toMatch(/^\s*(CREATE|ALTER|DROP)\b/im);
    expect(fromMigrations.changed).toBe(false);
  });

  it('notices when schema.prisma has something the migrations lack', async () => {
    // The check above can fail: a column added to the schema shows up in both diffs.
    const schema = await readFile(schemaPath, 'utf8');
    const changed = schema.replace(/^model User \{\n/m, 'model User {\n  probeColumn String?\n');
    expect(changed).not.toBe(schema);
    const changedPath = path.join(tempDir, 'schema.prisma');
    await writeFile(changedPath, changed);

    for (const from of [await databaseTarget(), await migrationsTarget()]) {
      const result = await diff(opened.engine, from, await schemaTarget(changedPath));
      expect(result.changed).toBe(true);
      expect(result.script).toMatch(/ADD COLUMN\s+"probeColumn" TEXT[,;]/);
    }
  });

  it("leaves a history that Prisma's own engine considers complete and unedited", async () => {
    const migrationsList = await readMigrationList();
    const diagnosis = await opened.engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: FILTERS,
    });
    expect(diagnosis).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
  });

  it('records migrations in _prisma_migrations exactly like the engine behind prisma migrate deploy', async () => {
    const byEngine = await createEmptyTestDatabase();
    try {
      const engine = await openSchemaEngine(byEngine.url);
      try {
        const migrationsList = await readMigrationList();
        const { appliedMigrationNames } = await engine.engine.applyMigrations({
          migrationsList,
          filters: FILTERS,
        });
        expect(appliedMigrationNames).toEqual(migrationsList.migrationDirectories.map((d) => d.path));
      } finally {
        await engine.close();
      }

      const tableDefinition = `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
                                 FROM information_schema.columns WHERE table_name = '_prisma_migrations'
                                ORDER BY ordinal_position`;
      expect(await rows(db.url, tableDefinition)).toEqual(await rows(byEngine.url, tableDefinition));

      const recorded = `SELECT migration_name, checksum, logs, rolled_back_at, applied_steps_count,
                               finished_at IS NOT NULL AS finished, length(id) AS id_length
                          FROM "_prisma_migrations" ORDER BY migration_name`;
      expect(await rows(db.url, recorded)).toEqual(await rows(byEngine.url, recorded));
    } finally {
      await byEngine.drop();
    }
  });

  it('has the lock file prisma migrate dev writes', async () => {
    expect(await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toBe(MIGRATION_LOCK_TOML);
  });
});
