import { Worker } from 'bullmq';
import { jobConnection } from '../jobs/jobs.js';
import type { Logger } from '../platform/logger.js';
import { type IndexingDeps, indexMessage } from './index-message.js';
import {
  type INDEX_MESSAGE_JOB,
  type IndexMessageJob,
  indexRetryDelay,
  SEARCH_INDEX_QUEUE,
} from './index-queue.js';

/**
 * Runs `index-message` jobs. A job that fails (the engine is down) is retried with growing
 * delays, so the index catches up by itself once the engine is back.
 */
export function startSearchIndexWorker(
  deps: IndexingDeps & { log: Logger; redisUrl: string },
  concurrency = 8,
) {
  const connection = jobConnection(deps.redisUrl);
  let ready: Promise<void> | undefined;
  const ensureReady = () => {
    ready ??= deps.search.setup().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };

  const worker = new Worker<IndexMessageJob, string, typeof INDEX_MESSAGE_JOB>(
    SEARCH_INDEX_QUEUE,
    async (job) => {
      await ensureReady();
      return indexMessage(deps, job.data.messageId);
    },
    {
      connection,
      concurrency,
      settings: { backoffStrategy: (attemptsMade) => indexRetryDelay(attemptsMade) },
    },
  );
  worker.on('failed', (job, error) => {
    const final = job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1);
    deps.log[final ? 'error' : 'debug'](
      { err: error, jobId: job?.id, attemptsMade: job?.attemptsMade },
      final ? 'index job failed for good: run npm run search:reindex' : 'index job failed; retrying',
    );
  });
  worker.on('error', (error) => deps.log.error({ err: error }, 'search index worker'));

  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
