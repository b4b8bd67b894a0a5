import type { ServerConfig } from './config.js';
import type { Jobs } from './jobs/jobs.js';
import type { Database } from './platform/database/prisma.js';
import type { EventPublisher } from './platform/events.js';
import type { Logger } from './platform/logger.js';
import type { Metrics } from './platform/metrics.js';
import type { RateLimits } from './platform/rate-limits.js';
import type { Redis } from './platform/redis.js';
import type { SearchEngine } from './search/engine.js';

/** What every domain operation may use; built once per server process in app.ts. */
export interface ServerContext {
  db: Database;
  redis: Redis;
  config: ServerConfig;
  events: EventPublisher;
  log: Logger;
  metrics: Metrics;
  limits: RateLimits;
  /** Background job queues (BullMQ): enqueue jobs, read queue depths. */
  jobs: Jobs;
  search: SearchEngine;
}

/** Who is acting: the authenticated user and the device they act from. */
export interface Actor {
  userId: string;
  deviceId: string;
}
