import cliProgress from 'cli-progress';
import { configSubsetFromEnv } from '../config.js';
import { embeddedDataDir, embeddedPostgresPort, useEmbeddedPostgres } from '../embedded/embedded-postgres.js';
import { createDatabase } from '../platform/database/prisma.js';
import { createSearchEngine } from './create-engine.js';
import { reindexAll } from './reindex.js';

/**
 * `npm run search:reindex [-- --batch-size N]`: rebuilds the search index from PostgreSQL with a
 * progress bar. Safe while servers run. Reads DATABASE_URL (default: the embedded PostgreSQL of
 * `npm start`, running or not) and MEILI_URL / MEILI_KEY / MEILI_INDEX like the server.
 */
const sizeArg = process.argv.indexOf('--batch-size');
const batchSize = sizeArg >= 0 ? Number(process.argv[sizeArg + 1]) : 1000;
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  console.error('--batch-size takes a whole number from 1 to 10000');
  process.exit(1);
}

const env = { ...process.env };
const embedded = env.DATABASE_URL
  ? undefined
  : await useEmbeddedPostgres(embeddedDataDir(env), embeddedPostgresPort(env)).catch((error: unknown) => {
      console.error(`Reindex failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
env.DATABASE_URL ||= embedded?.url;
const config = configSubsetFromEnv(env, ['databaseUrl', 'meiliUrl', 'meiliKey', 'meiliIndex']);

const db = createDatabase(config.databaseUrl, 4);
const search = createSearchEngine(config, db);
const where = new URL(config.databaseUrl);
console.log(`Reindexing messages of ${where.host}${where.pathname} into ${search.name}…`);

const bar = new cliProgress.SingleBar(
  {
    format:
      'Reindexing |{bar}| {percentage}% | {value}/{total} messages | {speed} messages/s | ETA {eta_formatted}',
    hideCursor: true,
  },
  cliProgress.Presets.shades_classic,
);
const started = Date.now();
bar.start(0, 0, { speed: 0 });
try {
  const result = await reindexAll(
    { db, search },
    {
      batchSize,
      onProgress: ({ done, total }) => {
        const seconds = (Date.now() - started) / 1000;
        bar.setTotal(total);
        bar.update(done, { speed: Math.round(done / Math.max(seconds, 0.001)) });
      },
    },
  );
  bar.stop();
  const rate = Math.round(result.messages / Math.max(result.seconds, 0.001));
  console.log(
    `Reindexed ${result.messages} messages in ${result.seconds.toFixed(1)} s (${rate} messages/s): ` +
      `${result.indexed} searchable, ${result.skipped} deleted or system, ${result.removed} stale documents removed.`,
  );
} catch (error) {
  bar.stop();
  console.error(`Reindex failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await search.close();
  await db.$disconnect();
  await embedded?.stop();
}
