import { conversationNotificationTag } from '@confab/shared';
import type { ServerContext } from '../context.js';
import { conversationTopic, deliverToAll } from './deliver.js';
import { type PushDeps, pushSender } from './push-deps.js';
import {
  CLEAR_NOTIFICATIONS_JOB,
  type ClearNotificationsJob,
  clearNotificationsJobId,
  pushJobOptions,
} from './push-queue.js';
import { PushState } from './push-state.js';
import { subscriptionsOf } from './subscriptions.js';

/**
 * Called when a user's read cursor moved (after commit). If a notification of this conversation
 * is showing on their devices and they have now read up to it, a `clear-notifications` job tells
 * the devices to close it. Doesn't wait and never fails the read.
 */
export function clearReadNotifications(
  ctx: ServerContext,
  userId: string,
  conversationId: string,
  readSeq: number,
): void {
  new PushState(ctx.redis)
    .takeShownIfRead(userId, conversationId, readSeq)
    .then(async (shown) => {
      if (!shown) return;
      await ctx.jobs.queues.push.add(
        CLEAR_NOTIFICATIONS_JOB,
        { userId, conversationId },
        { ...pushJobOptions(ctx.config), jobId: clearNotificationsJobId(userId, conversationId) },
      );
    })
    .catch((error: unknown) =>
      ctx.log.warn({ err: error, userId, conversationId }, 'could not clear notifications'),
    );
}

/**
 * The `clear-notifications` job: a `read` push to every device of the user. It has the
 * conversation's topic, so it also replaces a notification the push service still holds.
 */
export async function clearNotifications(
  deps: PushDeps,
  job: ClearNotificationsJob,
): Promise<'sent' | 'retry' | 'none'> {
  const { userId, conversationId } = job;
  const membership = await deps.db.membership.findUnique({
    where: { conversationId_userId: { conversationId, userId } },
    select: { readSeq: true },
  });
  const targets = await subscriptionsOf(deps.db, userId);
  if (!membership || targets.length === 0) return 'none';
  const result = await deliverToAll(
    await pushSender(deps),
    targets,
    {
      type: 'read',
      conversationId,
      readSeq: membership.readSeq,
      tag: conversationNotificationTag(conversationId),
    },
    { topic: conversationTopic(conversationId), urgency: 'normal', ttlSeconds: 60 * 60 },
  );
  return result.retry ? 'retry' : 'sent';
}
