import type { Logger } from '../platform/logger.js';
import { type PushWorkerDeps, startPushWorker } from '../push/push-worker.js';
import type { IndexingDeps } from '../search/index-message.js';
import { startSearchIndexWorker } from '../search/index-worker.js';

export interface Workers {
  close(): Promise<void>;
}

/** Every background job worker: in the server process by default, or alone in `npm run worker`. */
export function startWorkers(
  deps: IndexingDeps & PushWorkerDeps & { log: Logger; redisUrl: string },
): Workers {
  const searchIndex = startSearchIndexWorker(deps);
  const push = startPushWorker(deps);
  return {
    async close() {
      await searchIndex.close();
      await push.close();
    },
  };
}
