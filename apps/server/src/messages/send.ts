import type { Message, SendMessage } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { requireMembership } from '../conversations/access.js';
import { forbidden, notFound } from '../platform/errors.js';
import { enqueuePushNotifications } from '../push/enqueue.js';
import { enqueueMessageIndexing } from '../search/index-queue.js';
import { resolveMentions } from './mentions.js';
import { messageInclude, toWireMessage } from './message-view.js';
import { sendBatcher } from './send-batcher.js';

async function findBySenderClientId(ctx: ServerContext, senderId: string, clientId: string) {
  const row = await ctx.db.message.findUnique({
    where: { senderId_clientId: { senderId, clientId } },
    include: messageInclude,
  });
  return row && toWireMessage(row);
}

async function replyTarget(ctx: ServerContext, conversationId: string, replyToId: string) {
  const parent = await ctx.db.message.findUnique({
    where: { id: replyToId },
    select: { conversationId: true, seq: true },
  });
  if (parent?.conversationId !== conversationId) throw notFound('the message replied to');
  return { id: replyToId, seq: parent.seq };
}

/**
 * Persist, then acknowledge, then fan out. The message is stored by the send batcher's group
 * commit (`send-batcher.ts`): its seq is taken in the transaction that stores it, with the
 * sender's membership checked under the conversation's lock; a retry with the same clientId is
 * answered with the original and stores nothing. The acknowledgement is given only after commit.
 * The message's `createdAt` is when the server received it.
 */
export async function sendMessage(
  ctx: ServerContext,
  actor: Actor,
  request: SendMessage,
  acknowledge: (message: Message) => void = () => {},
  receivedAt: Date = new Date(),
): Promise<Message> {
  const answerWithOriginal = async () => {
    const original = await findBySenderClientId(ctx, actor.userId, request.clientId);
    if (original) acknowledge(original);
    return original;
  };

  let reply: { id: string; seq: number } | null = null;
  if (request.replyToId) {
    // A reply reads the conversation (its parent) before the batch: answer a retry, then check
    // membership first, so that a non-member learns nothing about which messages exist.
    const original = await answerWithOriginal();
    if (original) return original;
    await requireMembership(ctx.db, actor.userId, request.conversationId);
    reply = await replyTarget(ctx, request.conversationId, request.replyToId);
  }
  const mentions = await resolveMentions(ctx.db, request.conversationId, request.body);

  const outcome = await sendBatcher(ctx.db).submit({
    senderId: actor.userId,
    conversationId: request.conversationId,
    clientId: request.clientId,
    body: request.body,
    replyTo: reply,
    mentions,
    receivedAt,
  });
  if (outcome.kind === 'duplicate') {
    const original = await answerWithOriginal();
    if (original) return original;
    throw new Error(`message ${actor.userId}/${request.clientId} was stored but cannot be read back`);
  }
  if (outcome.kind === 'forbidden') throw forbidden('you are not a member of this conversation');

  const { message, memberIds, pushCandidates } = outcome;
  ctx.metrics.messagesSent.inc();
  acknowledge(message);
  // The members at commit, read under the conversation's lock in the same transaction.
  ctx.events.toUsers(memberIds, 'message:new', message);
  enqueueMessageIndexing(ctx, message);
  enqueuePushNotifications(ctx, message, pushCandidates);
  return message;
}
