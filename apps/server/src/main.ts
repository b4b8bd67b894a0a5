import { fileURLToPath } from 'node:url';
import { startConfabServer } from './app.js';
import { configFromEnv } from './config.js';
import { applyPendingMigrations } from './platform/database/applyMigrations.js';

/** One server process with its configuration from the environment (Docker, several processes). */
const config = configFromEnv(process.env);
const migrationsDir = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));
// Safe with several processes starting at once: the migrations take an advisory lock.
await applyPendingMigrations(config.databaseUrl, migrationsDir);
const server = await startConfabServer(config);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.drain().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
