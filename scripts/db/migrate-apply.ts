/**
 * `npm run db:migrate:apply`: applies the pending migrations in prisma/migrations to DATABASE_URL,
 * recording them in `_prisma_migrations` like `prisma migrate deploy` (which works offline too).
 * The server runs the same code at start-up.
 */
import { applyPendingMigrations } from '../../apps/server/src/platform/database/applyMigrations.js';
import { loadDotEnv } from './env.js';
import { migrationsDir } from './schemaEngine.js';

loadDotEnv();
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is not set (in the environment or in .env).');
  process.exit(1);
}

try {
  const { applied } = await applyPendingMigrations(databaseUrl, migrationsDir, {
    warn: (message) => console.warn(`warning: ${message}`),
  });
  if (applied.length === 0) {
    console.log('No pending migrations to apply.');
  } else {
    console.log(`Applied ${applied.length} migration(s):`);
    for (const name of applied) console.log(`  ${name}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
