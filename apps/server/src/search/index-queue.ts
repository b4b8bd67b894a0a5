import type { Queue } from 'bullmq';
import { coalescePerTurn } from '../platform/coalesce.js';
import type { Logger } from '../platform/logger.js';

export const SEARCH_INDEX_QUEUE = 'search-index';
export const INDEX_MESSAGE_JOB = 'index-message';

export interface IndexMessageJob {
  messageId: string;
}

export type SearchIndexQueue = Queue<IndexMessageJob, unknown, typeof INDEX_MESSAGE_JOB>;

/** For /metrics: jobs waiting to run, or to be retried (the engine is down). */
export const searchIndexQueueDepth = (queue: SearchIndexQueue) => ({
  name: SEARCH_INDEX_QUEUE,
  depth: () => queue.getJobCountByTypes('waiting', 'delayed', 'prioritized'),
});

/**
 * One job per change of a message: the same change enqueued twice collapses into one job, and a
 * later change gets its own (a job already running has read the row and would miss it).
 */
export const indexJobId = (messageId: string, changeSeq: number) => `${messageId}.${changeSeq}`;

/** Retries while the engine is down: 1 s, 2 s, 4 s … at most 5 min apart, for about 4 hours. */
export const INDEX_JOB_ATTEMPTS = 55;
export const INDEX_RETRY_BASE_MS = 1_000;
export const INDEX_RETRY_MAX_MS = 5 * 60_000;

export function indexRetryDelay(attemptsMade: number): number {
  const delay = Math.min(INDEX_RETRY_BASE_MS * 2 ** Math.max(0, attemptsMade - 1), INDEX_RETRY_MAX_MS);
  // ±20 % so that jobs that failed together don't all come back together.
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

export const indexJobOptions = {
  attempts: INDEX_JOB_ATTEMPTS,
  backoff: { type: 'index-retry' },
  removeOnComplete: { age: 60 * 60, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 60 * 60 },
};

type IndexingContext = { jobs: { queues: { searchIndex: SearchIndexQueue } }; log: Logger };
type Change = { id: string; changeSeq: number };

const enqueueIndexJobs = coalescePerTurn<IndexingContext, Change>(
  (ctx, changes) =>
    ctx.jobs.queues.searchIndex.addBulk(
      changes.map((change) => ({
        name: INDEX_MESSAGE_JOB,
        data: { messageId: change.id },
        opts: { ...indexJobOptions, jobId: indexJobId(change.id, change.changeSeq) },
      })),
    ),
  (ctx, error, changes) =>
    ctx.log.warn({ err: error, messageIds: changes.map((c) => c.id) }, 'could not enqueue indexing'),
);

/**
 * Called after the change committed (and was published). Doesn't wait: indexing must never hold
 * up a send; if Redis is unreachable the add waits for it, and a reindex repairs anything lost.
 * The changes of one turn (a group commit's messages) go to the queue in one `addBulk`.
 */
export function enqueueMessageIndexing(ctx: IndexingContext, message: Change): void {
  enqueueIndexJobs(ctx, { id: message.id, changeSeq: message.changeSeq });
}
