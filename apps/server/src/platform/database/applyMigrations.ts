import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/**
 * Applies the pending migrations of a Prisma migrations folder (`<dir>/<timestamp>_<name>/migration.sql`)
 * with plain `pg`, recording them in `_prisma_migrations` exactly as `prisma migrate deploy` does, so
 * the real Prisma CLI, wherever it can run, sees the same history.
 *
 * Differences from `prisma migrate deploy`, all on the safe side:
 * - each migration runs in its own transaction together with its `_prisma_migrations` row, so a
 *   failing migration leaves neither half its changes nor a "failed" row behind (a migration
 *   whose SQL manages its own transaction, with BEGIN/COMMIT, is run the way Prisma runs it);
 * - the same advisory lock Prisma Migrate takes is held for the whole run, with no time limit, so
 *   several server processes starting at once apply each migration once, one after the other,
 *   and they also wait for, or hold off, a concurrent `prisma migrate deploy`.
 */

/** The PostgreSQL advisory lock key Prisma Migrate uses (`SELECT pg_advisory_lock(72707369)`). */
export const PRISMA_MIGRATE_ADVISORY_LOCK_KEY = 72707369;

/** `_prisma_migrations` exactly as Prisma's schema engine creates it on PostgreSQL. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationOnDisk {
  /** The folder name, e.g. `20250101120000_init`. */
  name: string;
  /** The contents of `migration.sql`. */
  script: string;
  /** Hex SHA-256 of `migration.sql`, as Prisma stores it in `_prisma_migrations.checksum`. */
  checksum: string;
}

export interface ApplyMigrationsOptions {
  /** Told about things worth a warning that don't stop the run (a migration edited after it was applied). */
  warn?: (message: string) => void;
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  logs: string | null;
}

export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/**
 * The migrations in `migrationsDir`, in the order Prisma applies them (folder names compared with
 * `localeCompare`, as the Prisma CLI sorts them). `migration_lock.toml`, if present, must say
 * `provider = "postgresql"`.
 */
export async function readMigrations(migrationsDir: string): Promise<MigrationOnDisk[]> {
  const lockfile = await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    },
  );
  if (lockfile !== null) {
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(lockfile)?.[1];
    if (provider !== 'postgresql') {
      throw new Error(
        `${path.join(migrationsDir, 'migration_lock.toml')} says provider = "${provider ?? '?'}"; these migrations are not for PostgreSQL`,
      );
    }
  }

  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));

  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      const script = await readFile(file, 'utf8').catch((error: Error) => {
        throw new Error(`Migration ${name} has no readable migration.sql (${file}): ${error.message}`);
      });
      return { name, script, checksum: migrationChecksum(script) };
    }),
  );
}

/**
 * True when the script controls transactions itself (Prisma renders `BEGIN; ... COMMIT;` around
 * some enum changes), so it must not be wrapped in another transaction.
 */
function managesOwnTransaction(script: string): boolean {
  const statements = script
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    // Function bodies ($$ ... $$) have BEGIN/END blocks of their own.
    .replace(/\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$/g, "''");
  return /(^|;)\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK)\s*(;|$)/im.test(statements);
}

function describeFailed(rows: MigrationRow[]): string {
  return rows
    .map((row) => {
      const logs = row.logs?.trim() ? ` with the following logs:\n${row.logs.trim()}` : '';
      return `The \`${row.migration_name}\` migration started at ${row.started_at.toISOString()} failed${logs}`;
    })
    .join('\n');
}

export async function applyPendingMigrations(
  databaseUrl: string,
  migrationsDir: string,
  options: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  // A connection error while idle must not crash the process: the next query fails instead.
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_ADVISORY_LOCK_KEY]);
    try {
      return await applyLocked(client, migrations, options);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_ADVISORY_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

async function applyLocked(
  client: pg.Client,
  migrations: MigrationOnDisk[],
  options: ApplyMigrationsOptions,
): Promise<{ applied: string[] }> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await client.query<MigrationRow>(
    `SELECT id, checksum, migration_name, finished_at, rolled_back_at, started_at, logs
       FROM "_prisma_migrations" ORDER BY started_at ASC`,
  );

  const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed.length > 0) {
    // Prisma's P3009: a failed migration must be resolved (`prisma migrate resolve`) by a person first.
    throw new Error(
      `Found failed migrations in the target database; new migrations will not be applied.\n${describeFailed(failed)}`,
    );
  }

  const recorded = rows.filter((row) => row.rolled_back_at === null);
  for (const migration of migrations) {
    const row = recorded.find((r) => r.migration_name === migration.name);
    if (row && row.checksum !== migration.checksum) {
      options.warn?.(`Migration ${migration.name} was modified after it was applied (checksum differs).`);
    }
  }

  const pending = migrations.filter((m) => !recorded.some((row) => row.migration_name === m.name));
  const applied: string[] = [];
  for (const migration of pending) {
    if (managesOwnTransaction(migration.script)) {
      await applyLikePrisma(client, migration);
    } else {
      await applyInTransaction(client, migration);
    }
    applied.push(migration.name);
  }
  return { applied };
}

async function applyInTransaction(client: pg.Client, migration: MigrationOnDisk): Promise<void> {
  await client.query('BEGIN');
  try {
    const id = randomUUID();
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, started_at, migration_name, applied_steps_count)
       VALUES ($1, $2, now(), $3, 0)`,
      [id, migration.checksum, migration.name],
    );
    // No parameters: the simple query protocol runs the whole multi-statement script.
    await client.query(migration.script);
    await client.query(
      `UPDATE "_prisma_migrations"
          SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
        WHERE id = $1`,
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw migrationError(migration, error);
  }
}

/** Prisma's own sequence: a "started" row, the script, then "finished" (or the error in `logs`). */
async function applyLikePrisma(client: pg.Client, migration: MigrationOnDisk): Promise<void> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, started_at, migration_name, applied_steps_count)
     VALUES ($1, $2, now(), $3, 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    await client.query(migration.script);
  } catch (error) {
    // Leave the session usable if the script failed inside its own BEGIN.
    await client.query('ROLLBACK').catch(() => {});
    await client
      .query('UPDATE "_prisma_migrations" SET logs = $1 WHERE id = $2', [String(error), id])
      .catch(() => {});
    throw migrationError(migration, error);
  }
  await client.query(
    'UPDATE "_prisma_migrations" SET applied_steps_count = applied_steps_count + 1 WHERE id = $1',
    [id],
  );
  await client.query('UPDATE "_prisma_migrations" SET finished_at = now() WHERE id = $1', [id]);
}

function migrationError(migration: MigrationOnDisk, cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new Error(`Migration ${migration.name} failed to apply: ${message}`, { cause });
}
