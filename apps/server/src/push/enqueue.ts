import type { Message } from '@confab/shared';
import type { ServerContext } from '../context.js';
import { coalescePerTurn } from '../platform/coalesce.js';
import { isActiveSomewhere } from './push-deps.js';
import { PUSH_MESSAGE_JOB, pushJobOptions, pushMessageJobId } from './push-queue.js';

/**
 * The members of a conversation Web Push could reach — an active account with a subscribed
 * device — by notification level (muted members are in neither). Read by the group commit that
 * stored the message, under the conversation's lock (`storeMessageBatch`).
 */
export interface PushCandidates {
  all: readonly string[];
  mentionsOnly: readonly string[];
}

interface Recipient {
  userId: string;
  conversationId: string;
}

/** Whom a message may notify: not its sender; a mentions-only member only when mentioned. */
function recipientsOf(message: Message, candidates: PushCandidates): string[] {
  const mentioned = (userId: string) => message.mentions.all || message.mentions.userIds.includes(userId);
  return [...candidates.all, ...candidates.mentionsOnly.filter(mentioned)].filter(
    (userId) => userId !== message.senderId,
  );
}

/** …and of those, the ones not looking at Confab on any device right now. One job per user and conversation. */
async function absentRecipients(ctx: ServerContext, recipients: Recipient[]): Promise<Recipient[]> {
  const unique = new Map(recipients.map((r) => [pushMessageJobId(r.userId, r.conversationId), r]));
  const userIds = [...new Set(recipients.map((r) => r.userId))];
  const active = await Promise.all(userIds.map((userId) => isActiveSomewhere(ctx.redis, userId)));
  const present = new Set(userIds.filter((_, i) => active[i]));
  return [...unique.values()].filter((r) => !present.has(r.userId));
}

const enqueuePushJobs = coalescePerTurn<ServerContext, Recipient[]>(
  async (ctx, turn) => {
    const absent = await absentRecipients(ctx, turn.flat());
    if (absent.length === 0) return;
    await ctx.jobs.queues.push.addBulk(
      absent.map(({ userId, conversationId }) => ({
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
  (ctx, error) => ctx.log.warn({ err: error }, 'could not enqueue push notifications'),
);

/**
 * Called after a message is stored and fanned out. Queues one delayed `push-message` job per
 * absent recipient and conversation; while it waits, later messages collapse into it. Doesn't
 * wait, and never fails the send. The messages of one turn (a group commit) are enqueued together.
 */
export function enqueuePushNotifications(
  ctx: ServerContext,
  message: Message,
  candidates: PushCandidates,
): void {
  if (message.kind !== 'user') return;
  const recipients = recipientsOf(message, candidates).map((userId) => ({
    userId,
    conversationId: message.conversationId,
  }));
  if (recipients.length > 0) enqueuePushJobs(ctx, recipients);
}
