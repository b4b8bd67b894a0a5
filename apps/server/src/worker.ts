import { configSubsetFromEnv } from './config.js';
import { startWorkers } from './jobs/workers.js';
import { createDatabase } from './platform/database/prisma.js';
import { createLogger } from './platform/logger.js';
import { createMetrics } from './platform/metrics.js';
import { createRedis } from './platform/redis.js';
import { PUSH_CONFIG_KEYS } from './push/push-config.js';
import { createSearchEngine } from './search/create-engine.js';

/**
 * `npm run worker`: the background job workers alone, to scale them apart from the servers (run
 * the servers with RUN_JOB_WORKERS=false then). Reads the same environment as the server.
 */
const config = configSubsetFromEnv(process.env, [
  'databaseUrl',
  'redisUrl',
  'meiliUrl',
  'meiliKey',
  'meiliIndex',
  'logLevel',
  ...PUSH_CONFIG_KEYS,
]);
const log = createLogger(config.logLevel);
const db = createDatabase(config.databaseUrl);
const search = createSearchEngine(config, db);
const redis = createRedis(config.redisUrl);
// Push counters are registered here too, though this process serves no /metrics yet.
const registry = createMetrics().registry;
const workers = startWorkers({ db, search, log, redisUrl: config.redisUrl, redis, config, registry });
log.info({ engine: search.name }, 'confab worker running');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Lets running jobs finish; jobs not started stay queued for the next worker.
    workers
      .close()
      .then(() => search.close())
      .then(() => db.$disconnect())
      .then(() => redis.disconnect())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'worker did not stop cleanly');
          process.exit(1);
        },
      );
  });
}
