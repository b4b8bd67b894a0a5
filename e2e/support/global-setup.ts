import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { applyPendingMigrations } from '../../apps/server/src/platform/database/applyMigrations.js';
import { startPostgres } from '../../apps/server/src/test-support/postgres.js';
import { startRedis } from '../../apps/server/src/test-support/redis.js';
import { spawnServerProcess } from '../../apps/server/src/test-support/server-process.js';
import { ADMIN, E2E_ADMIN_TOKEN, E2E_DATABASE_URL, E2E_URL } from './env.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * One real Confab for the whole run: a throwaway PostgreSQL (migrated), a throwaway Redis and the
 * server as its own process, serving the freshly built web app. The first-run setup creates the
 * admin, who creates everyone else. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.CONFAB_E2E_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build', '-w', '@confab/web'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the web app failed');
  }

  const postgres = await startPostgres();
  const stops: (() => Promise<void>)[] = [() => postgres.stop()];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('CREATE DATABASE confab_e2e');
    await admin.end();
    await applyPendingMigrations(postgres.urlFor('confab_e2e'), path.join(root, 'prisma/migrations'));

    const redis = await startRedis();
    stops.push(() => redis.stop());

    const server = await spawnServerProcess({
      DATABASE_URL: postgres.urlFor('confab_e2e'),
      REDIS_URL: redis.url,
      AUTH_SECRET: randomBytes(32).toString('hex'),
      PRESENCE_GRACE_MS: '1500',
      PRESENCE_BATCH_MS: '100',
      RATE_LIMIT_LOGINS_PER_MINUTE: '1000',
      RATE_LIMIT_CONNECTIONS_PER_MINUTE: '10000',
    });
    stops.push(() => server.stop());

    const response = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!response.ok) throw new Error(`first-run setup failed: ${response.status} ${await response.text()}`);
    const session = (await response.json()) as { accessToken: string };

    // Workers inherit these.
    process.env[E2E_URL] = server.url;
    process.env[E2E_ADMIN_TOKEN] = session.accessToken;
    process.env[E2E_DATABASE_URL] = postgres.urlFor('confab_e2e');
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
