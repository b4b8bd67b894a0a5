import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { PUSH_QUEUE, type PushQueue } from '../push/push-queue.js';
import { SEARCH_INDEX_QUEUE, type SearchIndexQueue } from '../search/index-queue.js';

/** BullMQ needs connections that retry forever (`maxRetriesPerRequest: null`). */
export const jobConnection = (redisUrl: string) => new Redis(redisUrl, { maxRetriesPerRequest: null });

/**
 * The background job queues (BullMQ on Redis), for enqueuing jobs and for reading queue depths.
 * Their workers run in the server process (jobs/workers.ts) or in `npm run worker`.
 */
export interface Jobs {
  readonly queues: {
    /** `index-message` jobs: search/index-message.ts */
    readonly searchIndex: SearchIndexQueue;
    /** `push-message`, `push-summary`, `clear-notifications` jobs: push/push-worker.ts */
    readonly push: PushQueue;
  };
  close(): Promise<void>;
}

export function createJobs(redisUrl: string): Jobs {
  const connection = jobConnection(redisUrl);
  const searchIndex: SearchIndexQueue = new Queue(SEARCH_INDEX_QUEUE, { connection });
  const push: PushQueue = new Queue(PUSH_QUEUE, { connection });
  return {
    queues: { searchIndex, push },
    async close() {
      await searchIndex.close();
      await push.close();
      connection.disconnect();
    },
  };
}
