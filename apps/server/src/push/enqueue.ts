import type { Message } from '@confab/shared';
import type { ServerContext } from '../context.js';
import { coalescePerTurn } from '../platform/coalesce.js';
import { isActiveSomewhere } from './push-deps.js';
import { PUSH_MESSAGE_JOB, type PushQueue, pushJobOptions, pushMessageJobId } from './push-queue.js';

interface Recipient {
  userId: string;
  conversationId: string;
}

/**
 * Who new messages may notify, per conversation: not the sender, not muted, mentioned if
 * mentions-only, with a push subscription, and not active on any device right now. One query for
 * all the messages of a turn (a group commit), whatever their conversations.
 */
async function absentRecipients(ctx: ServerContext, messages: Message[]): Promise<Recipient[]> {
  const members = await ctx.db.membership.findMany({
    where: {
      conversationId: { in: [...new Set(messages.map((m) => m.conversationId))] },
      notificationLevel: { not: 'muted' },
      user: { deactivatedAt: null, devices: { some: { revokedAt: null, pushSubscriptions: { some: {} } } } },
    },
    select: { conversationId: true, userId: true, notificationLevel: true },
  });
  if (members.length === 0) return [];
  const wanted = new Map<string, Recipient>();
  for (const message of messages) {
    for (const member of members) {
      if (member.conversationId !== message.conversationId || member.userId === message.senderId) continue;
      const notifies =
        member.notificationLevel === 'all' ||
        message.mentions.all ||
        message.mentions.userIds.includes(member.userId);
      if (notifies) wanted.set(pushMessageJobId(member.userId, member.conversationId), member);
    }
  }
  const userIds = [...new Set([...wanted.values()].map((r) => r.userId))];
  const active = await Promise.all(userIds.map((userId) => isActiveSomewhere(ctx.redis, userId)));
  const present = new Set(userIds.filter((_, i) => active[i]));
  return [...wanted.values()].filter((r) => !present.has(r.userId));
}

const enqueuers = new WeakMap<PushQueue, (message: Message) => void>();

/**
 * Called after a message is stored and fanned out. Queues one delayed `push-message` job per
 * absent recipient and conversation; while it waits, later messages collapse into it. Doesn't
 * wait, and never fails the send. The messages of one turn are looked at together.
 */
export function enqueuePushNotifications(ctx: ServerContext, message: Message): void {
  if (message.kind !== 'user') return;
  const queue = ctx.jobs.queues.push;
  let enqueue = enqueuers.get(queue);
  if (!enqueue) {
    enqueue = coalescePerTurn<Message>(
      async (messages) => {
        const recipients = await absentRecipients(ctx, messages);
        if (recipients.length === 0) return;
        await queue.addBulk(
          recipients.map(({ userId, conversationId }) => ({
            name: PUSH_MESSAGE_JOB,
            data: { userId, conversationId },
            opts: {
              ...pushJobOptions(ctx.config),
              delay: ctx.config.pushDelayMs,
              jobId: pushMessageJobId(userId, conversationId),
            },
          })),
        );
      },
      (error, messages) =>
        ctx.log.warn(
          { err: error, messageIds: messages.map((m) => m.id) },
          'could not enqueue push notifications',
        ),
    );
    enqueuers.set(queue, enqueue);
  }
  enqueue(message);
}
