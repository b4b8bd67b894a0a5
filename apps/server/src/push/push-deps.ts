import type https from 'node:https';
import type { Database } from '../platform/database/prisma.js';
import type { Logger } from '../platform/logger.js';
import type { Redis } from '../platform/redis.js';
import { PresenceStore } from '../presence/presence-store.js';
import type { PushSender } from './deliver.js';
import type { PushConfig } from './push-config.js';
import type { PushMetrics } from './push-metrics.js';
import type { PushQueue } from './push-queue.js';
import type { PushState } from './push-state.js';
import type { VapidKeys } from './vapid.js';

/** What the push jobs use, in the server process or in `npm run worker`. */
export interface PushDeps {
  db: Database;
  redis: Redis;
  log: Logger;
  config: PushConfig;
  metrics: PushMetrics;
  queue: PushQueue;
  state: PushState;
  vapid: () => Promise<VapidKeys>;
  agent: https.Agent | undefined;
}

/**
 * Whether a person is looking at Confab somewhere: a connected device that is not idle. Devices
 * that are all away count as absent (the laptop left open overnight).
 */
export async function isActiveSomewhere(redis: Redis, userId: string): Promise<boolean> {
  const connections = await new PresenceStore(redis).liveConnections(userId, Date.now());
  return connections.some((connection) => connection.active);
}

export async function pushSender(deps: PushDeps): Promise<PushSender> {
  return {
    db: deps.db,
    log: deps.log,
    metrics: deps.metrics,
    vapid: await deps.vapid(),
    agent: deps.agent,
    timeoutMs: deps.config.pushTimeoutMs,
  };
}
