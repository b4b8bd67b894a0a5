import { Redis } from 'ioredis';

export type { Redis };

/**
 * Auto-pipelining: the commands issued in one turn of the event loop (a group commit's rate-limit
 * checks and fan-out publishes) leave in one write instead of one each.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false, enableAutoPipelining: true });
}
