import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startConfabServer } from '../app.js';
import { configFromEnv } from '../config.js';
import { applyPendingMigrations } from '../platform/database/applyMigrations.js';
import {
  embeddedDataDir,
  embeddedPostgresPort,
  type RunningPostgres,
  startEmbeddedPostgres,
} from './embedded-postgres.js';
import { type RunningRedis, startRedisServer } from './redis-server.js';

/**
 * Confab on one machine with no configuration: PostgreSQL from embedded-postgres (unless
 * DATABASE_URL), the system's redis-server (unless REDIS_URL), data under ./data, migrations
 * applied, and the server on PORT (default 3000).
 */
const log = (line: string) => process.stdout.write(`[confab] ${line}\n`);
const env = { ...process.env };
const dataDir = embeddedDataDir(env);
mkdirSync(dataDir, { recursive: true });
const migrationsDir = fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url));

let postgres: RunningPostgres | undefined;
let redis: RunningRedis | undefined;

function persistentSecret(): string {
  const file = path.join(dataDir, 'auth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function stopServices() {
  await redis?.stop();
  await postgres?.stop();
}

try {
  // Refuse a wrong value before starting anything; the services fill in what is left unset.
  configFromEnv({
    ...env,
    DATABASE_URL: env.DATABASE_URL ?? 'postgresql://embedded',
    REDIS_URL: env.REDIS_URL ?? 'redis://embedded',
    AUTH_SECRET: env.AUTH_SECRET ?? 'generated-on-first-start-generated-on-first-start',
  });
  if (!env.DATABASE_URL) {
    log(`starting PostgreSQL (embedded) with its data in ${path.join(dataDir, 'postgres')}`);
    postgres = await startEmbeddedPostgres(dataDir, embeddedPostgresPort(env));
    env.DATABASE_URL = postgres.url;
  }
  if (!env.REDIS_URL) {
    log(`starting redis-server with its data in ${path.join(dataDir, 'redis')}`);
    redis = await startRedisServer(dataDir, Number(env.EMBEDDED_REDIS_PORT ?? 6380), log);
    env.REDIS_URL = redis.url;
  }
  env.AUTH_SECRET ??= persistentSecret();
  const { applied } = await applyPendingMigrations(env.DATABASE_URL, migrationsDir);
  log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');

  const server = await startConfabServer(configFromEnv(env));
  log(`Confab is running on http://${server.config.host}:${server.port}`);
  if ((await server.context.db.user.count()) === 0) {
    log(
      `first run: create the admin account with POST http://${server.config.host}:${server.port}/api/setup`,
    );
  }

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // embedded-postgres installs an exit hook that stops PostgreSQL and exits at once on a signal,
    // under the server's in-flight sends; we stop it ourselves after the drain instead.
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log('stopping…');
      server
        .drain()
        .then(stopServices)
        .then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
    });
  }
} catch (error) {
  console.error(`[confab] could not start: ${error instanceof Error ? error.message : String(error)}`);
  await stopServices().catch(() => {});
  process.exit(1);
}
