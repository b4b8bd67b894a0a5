import { readFileSync } from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import type { Registry } from 'prom-client';
import { jobConnection } from '../jobs/jobs.js';
import type { Database } from '../platform/database/prisma.js';
import type { Logger } from '../platform/logger.js';
import type { Redis } from '../platform/redis.js';
import { clearNotifications } from './clear-notifications.js';
import type { PushConfig } from './push-config.js';
import type { PushDeps } from './push-deps.js';
import { newerMessagesArrived, pushMessage } from './push-message.js';
import { createPushMetrics } from './push-metrics.js';
import {
  CLEAR_NOTIFICATIONS_JOB,
  type ClearNotificationsJob,
  PUSH_MESSAGE_JOB,
  PUSH_QUEUE,
  PUSH_SUMMARY_JOB,
  type PushJobData,
  type PushJobName,
  type PushMessageJob,
  type PushQueue,
  type PushSummaryJob,
} from './push-queue.js';
import { PushState } from './push-state.js';
import { pushSummary } from './push-summary.js';
import { type VapidKeys, vapidKeys } from './vapid.js';

export interface PushWorkerDeps {
  db: Database;
  redis: Redis;
  redisUrl: string;
  log: Logger;
  config: PushConfig;
  /** The process's Prometheus registry: the push counters are registered on it. */
  registry: Registry;
}

class RetryLater extends Error {
  constructor() {
    super('a push service failed or did not answer; retrying with backoff');
    this.name = 'RetryLater';
  }
}

async function runPushMessage(deps: PushDeps, job: Job<PushMessageJob>, token: string | undefined) {
  const result = await pushMessage(deps, job.data);
  if (result.outcome === 'retry') {
    await job.updateData({ ...job.data, delivered: result.delivered, counted: true });
    throw new RetryLater();
  }
  // A message that arrived while this job ran could not queue its own job (same id): run again.
  if (result.coveredSeq !== null && (await newerMessagesArrived(deps, job.data, result.coveredSeq))) {
    await job.updateData({ userId: job.data.userId, conversationId: job.data.conversationId });
    await job.moveToDelayed(Date.now() + deps.config.pushDelayMs, token);
    throw new DelayedError();
  }
  return result.outcome === 'dropped' ? `dropped: ${result.reason}` : result.outcome;
}

async function runPushSummary(deps: PushDeps, job: Job<PushSummaryJob>, token: string | undefined) {
  const result = await pushSummary(deps, job.data);
  if (result.outcome === 'retry') {
    await job.updateData({ ...job.data, delivered: result.delivered });
    throw new RetryLater();
  }
  // Folded while this job ran (their summary job was absorbed by this one): summarize at the window's end.
  if ((await deps.state.folded(job.data.userId)).length > 0) {
    await job.updateData({ userId: job.data.userId });
    await job.moveToDelayed(Date.now() + (await deps.state.windowResetInMs(job.data.userId)), token);
    throw new DelayedError();
  }
  return result.outcome;
}

async function runClearNotifications(deps: PushDeps, job: Job<ClearNotificationsJob>) {
  const result = await clearNotifications(deps, job.data);
  if (result === 'retry') throw new RetryLater();
  return result;
}

function runPushJob(deps: PushDeps, job: Job<PushJobData, string, PushJobName>, token: string | undefined) {
  switch (job.name) {
    case PUSH_MESSAGE_JOB:
      return runPushMessage(deps, job as Job<PushMessageJob>, token);
    case PUSH_SUMMARY_JOB:
      return runPushSummary(deps, job as Job<PushSummaryJob>, token);
    case CLEAR_NOTIFICATIONS_JOB:
      return runClearNotifications(deps, job as Job<ClearNotificationsJob>);
    default:
      throw new Error(`unknown push job ${String(job.name satisfies never)}`);
  }
}

/** PUSH_CA_FILE's CAs on top of the system's, for a private (or test) push service. */
function pushAgent(caFile: string | undefined): https.Agent | undefined {
  if (!caFile) return undefined;
  return new https.Agent({ ca: [...tls.rootCertificates, readFileSync(caFile, 'utf8')], keepAlive: true });
}

/**
 * Runs the push queue's jobs (push-message, push-summary, clear-notifications): in the server
 * process by default, or in `npm run worker`. Loads (or first generates) the VAPID keys at start.
 */
export function startPushWorker(deps: PushWorkerDeps, concurrency = 8) {
  const queueConnection = jobConnection(deps.redisUrl);
  const workerConnection = jobConnection(deps.redisUrl);
  const queue: PushQueue = new Queue(PUSH_QUEUE, { connection: queueConnection });
  const agent = pushAgent(deps.config.pushCaFile);
  let keys: Promise<VapidKeys> | undefined;
  const vapid = () => {
    keys ??= vapidKeys(deps.db, deps.config).catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    return keys;
  };
  vapid().catch((error: unknown) => deps.log.error({ err: error }, 'could not load the VAPID keys'));
  const jobDeps: PushDeps = {
    db: deps.db,
    redis: deps.redis,
    log: deps.log,
    config: deps.config,
    metrics: createPushMetrics(deps.registry),
    queue,
    state: new PushState(deps.redis),
    vapid,
    agent,
  };

  const worker = new Worker<PushJobData, string, PushJobName>(
    PUSH_QUEUE,
    (job, token) => runPushJob(jobDeps, job, token),
    { connection: workerConnection, concurrency },
  );
  worker.on('failed', (job, error) => {
    const final = job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1);
    deps.log[final ? 'warn' : 'debug'](
      { err: error, jobId: job?.id, attemptsMade: job?.attemptsMade },
      final ? 'push job failed for good' : 'push job failed; retrying',
    );
  });
  worker.on('error', (error) => deps.log.error({ err: error }, 'push worker'));

  return {
    worker,
    async close() {
      await worker.close();
      await queue.close();
      agent?.destroy();
      workerConnection.disconnect();
      queueConnection.disconnect();
    },
  };
}
