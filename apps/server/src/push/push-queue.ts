import type { Queue } from 'bullmq';
import type { PushConfig } from './push-config.js';

export const PUSH_QUEUE = 'push';
/** New messages in one conversation for one user: push/push-message.ts */
export const PUSH_MESSAGE_JOB = 'push-message';
/** What the per-minute limit folded, for one user: push/push-summary.ts */
export const PUSH_SUMMARY_JOB = 'push-summary';
/** A conversation was read: its notification can go (push/clear-notifications.ts) */
export const CLEAR_NOTIFICATIONS_JOB = 'clear-notifications';

export interface PushMessageJob {
  userId: string;
  conversationId: string;
  /** Subscriptions an earlier attempt already reached: a retry doesn't notify them twice. */
  delivered?: string[];
  /** The rate limit was charged by an earlier attempt. */
  counted?: boolean;
}
export interface PushSummaryJob {
  userId: string;
  delivered?: string[];
}
export interface ClearNotificationsJob {
  userId: string;
  conversationId: string;
}

export type PushJobName = typeof PUSH_MESSAGE_JOB | typeof PUSH_SUMMARY_JOB | typeof CLEAR_NOTIFICATIONS_JOB;
export type PushJobData = PushMessageJob | PushSummaryJob | ClearNotificationsJob;
export type PushQueue = Queue<PushJobData, unknown, PushJobName>;

/**
 * One job per user and conversation: messages arriving while it waits collapse into it. (BullMQ
 * refuses ":" in job ids, hence the dots.)
 */
export const pushMessageJobId = (userId: string, conversationId: string) =>
  `push.${userId}.${conversationId}`;
export const pushSummaryJobId = (userId: string) => `push-summary.${userId}`;
export const clearNotificationsJobId = (userId: string, conversationId: string) =>
  `clear.${userId}.${conversationId}`;

/**
 * Retries (5xx, timeouts) back off exponentially. Finished jobs are removed at once: a job id that
 * still existed would swallow the next message's job.
 */
export const pushJobOptions = (config: Pick<PushConfig, 'pushAttempts' | 'pushRetryBaseMs'>) => ({
  attempts: config.pushAttempts,
  backoff: { type: 'exponential', delay: config.pushRetryBaseMs },
  removeOnComplete: true,
  removeOnFail: true,
});

/** Jobs waiting or delayed, for `confab_job_queue_depth{queue="push"}`. */
export const pushQueueDepth = (queue: PushQueue) => ({
  name: PUSH_QUEUE,
  depth: () => queue.getJobCountByTypes('waiting', 'delayed', 'prioritized'),
});
