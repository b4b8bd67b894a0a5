import type { Message } from '@confab/shared';
import type { ServerContext } from '../context.js';
import { isActiveSomewhere } from './push-deps.js';
import { PUSH_MESSAGE_JOB, pushJobOptions, pushMessageJobId } from './push-queue.js';

/**
 * The members a new message may notify: not the sender, not muted, mentioned if mentions-only,
 * with a push subscription, and not active on any device right now.
 */
async function absentRecipients(ctx: ServerContext, message: Message): Promise<string[]> {
  const members = await ctx.db.membership.findMany({
    where: {
      conversationId: message.conversationId,
      userId: { not: message.senderId },
      notificationLevel: { not: 'muted' },
      user: { deactivatedAt: null, devices: { some: { revokedAt: null, pushSubscriptions: { some: {} } } } },
    },
    select: { userId: true, notificationLevel: true },
  });
  const wanted = members.filter(
    (m) =>
      m.notificationLevel === 'all' || message.mentions.all || message.mentions.userIds.includes(m.userId),
  );
  const active = await Promise.all(wanted.map((m) => isActiveSomewhere(ctx.redis, m.userId)));
  return wanted.filter((_, i) => !active[i]).map((m) => m.userId);
}

/**
 * Called after a message is stored and fanned out. Queues one delayed `push-message` job per
 * absent recipient and conversation; while it waits, later messages collapse into it. Doesn't
 * wait, and never fails the send.
 */
export function enqueuePushNotifications(ctx: ServerContext, message: Message): void {
  if (message.kind !== 'user') return;
  absentRecipients(ctx, message)
    .then(async (userIds) => {
      if (userIds.length === 0) return;
      await ctx.jobs.queues.push.addBulk(
        userIds.map((userId) => ({
          name: PUSH_MESSAGE_JOB,
          data: { userId, conversationId: message.conversationId },
          opts: {
            ...pushJobOptions(ctx.config),
            delay: ctx.config.pushDelayMs,
            jobId: pushMessageJobId(userId, message.conversationId),
          },
        })),
      );
    })
    .catch((error: unknown) =>
      ctx.log.warn({ err: error, messageId: message.id }, 'could not enqueue push notifications'),
    );
}
