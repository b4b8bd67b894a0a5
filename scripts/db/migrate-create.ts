/**
 * `npm run db:migrate:create -- <name> [--empty]`: the offline `prisma migrate dev --create-only`.
 *
 * Replays prisma/migrations into a shadow database, diffs that schema against
 * prisma/schema.prisma with Prisma's schema engine (WebAssembly), and writes the difference to
 * prisma/migrations/<UTC timestamp>_<name>/migration.sql. Prints "no changes" and writes nothing
 * when the two agree, unless --empty asks for an empty migration to fill in by hand.
 *
 * The shadow databases live on a throwaway PostgreSQL server started for the occasion
 * (Debian's `postgresql` package), or on the server of SHADOW_DATABASE_URL if that is set (its
 * role needs CREATEDB; nothing else in that database is touched). DATABASE_URL is never used.
 *
 * Unlike `prisma migrate dev`, the file gets no "Warnings" comment for destructive changes (the
 * engine computes those only in a code path that the WebAssembly build can't run offline); the
 * summary printed here lists every change, and dropped columns/tables are pointed out.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type PostgresCluster, startPostgres } from '../../apps/server/src/test-support/postgres.js';
import { loadDotEnv } from './env.js';
import {
  diff,
  diffSummary,
  MIGRATION_LOCK_TOML,
  migrationsDir,
  migrationsTarget,
  openSchemaEngine,
  readMigrationList,
  repoRoot,
  schemaTarget,
} from './schemaEngine.js';

/** The folder-name part Prisma derives from a migration name (slugify, separator "_", max 200). */
function migrationSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z\d]+)/g, '$1 $2')
    .toLowerCase()
    .replace(/([a-z\d]+)'([ts])(\s|$)/g, '$1$2$3')
    .replace(/[^a-z\d]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
}

/** `YYYYMMDDHHMMSS` in UTC, as Prisma names migration folders. */
function migrationTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('Usage: npm run db:migrate:create -- <name> [--empty]');
  process.exit(1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const empty = args.includes('--empty');
  const names = args.filter((arg) => !arg.startsWith('--'));
  const unknown = args.filter((arg) => arg.startsWith('--') && arg !== '--empty');
  if (unknown.length > 0) usage(`Unknown option ${unknown.join(' ')}`);
  if (names.length !== 1) usage('Give the migration a name.');
  const slug = migrationSlug(names[0] ?? '');
  if (!slug) usage(`"${names[0]}" has no letters or digits to name a migration with.`);

  loadDotEnv();
  let cluster: PostgresCluster | undefined;
  let serverUrl = process.env.SHADOW_DATABASE_URL;
  if (!serverUrl) {
    console.log('Starting a throwaway PostgreSQL server for the shadow database...');
    cluster = await startPostgres();
    serverUrl = cluster.url;
  }

  try {
    const { engine, close } = await openSchemaEngine(serverUrl);
    try {
      const from = await migrationsTarget();
      const to = await schemaTarget();
      const result = await diff(engine, from, to);
      if (!result.changed && !empty) {
        console.log('no changes: the migrations already produce prisma/schema.prisma.');
        return;
      }

      const existing = (await readMigrationList()).migrationDirectories.map((d) => d.path);
      const folder = `${migrationTimestamp()}_${slug}`;
      const last = existing.at(-1);
      if (last && last.localeCompare(folder) >= 0) {
        throw new Error(
          `The new migration ${folder} would not sort after the last one, ${last}; check the clock.`,
        );
      }
      const dir = path.join(migrationsDir, folder);
      if (existsSync(dir)) throw new Error(`${dir} already exists`);

      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'migration.sql'), result.script, 'utf8');
      await writeFile(path.join(migrationsDir, 'migration_lock.toml'), MIGRATION_LOCK_TOML, 'utf8');

      console.log(`Created ${path.relative(repoRoot, path.join(dir, 'migration.sql'))}`);
      if (result.changed) {
        console.log(`\n${(await diffSummary(engine, from, to)).trim()}\n`);
        const drops = result.script.match(/^.*\bDROP (COLUMN|TABLE|TYPE)\b.*$/gim) ?? [];
        if (drops.length > 0) {
          console.log('Warning: this migration drops things; data in them will be lost:');
          for (const line of drops) console.log(`  ${line.trim()}`);
        }
        const check = await diff(engine, await migrationsTarget(), to);
        if (check.changed) {
          console.warn('Warning: with the new migration, the migrations still differ from schema.prisma:');
          console.warn(check.script);
        }
      } else {
        console.log('It is empty: write the SQL by hand.');
      }
      console.log('Apply it with: npm run db:migrate:apply');
    } finally {
      await close();
    }
  } finally {
    await cluster?.stop();
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
