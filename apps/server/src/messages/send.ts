import type { Message, SendMessage } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { requireMembership } from '../conversations/access.js';
import { publishToMembers } from '../conversations/recipients.js';
import { inTransaction } from '../platform/database/transaction.js';
import { forbidden, isUniqueViolation, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { resolveMentions } from './mentions.js';
import { messageInclude, toWireMessage } from './message-view.js';
import { takeNextMessageSeq } from './sequence.js';

async function findBySenderClientId(ctx: ServerContext, senderId: string, clientId: string) {
  const row = await ctx.db.message.findUnique({
    where: { senderId_clientId: { senderId, clientId } },
    include: messageInclude,
  });
  return row && toWireMessage(row);
}

async function replyTarget(ctx: ServerContext, conversationId: string, replyToId: string | undefined) {
  if (!replyToId) return null;
  const parent = await ctx.db.message.findUnique({
    where: { id: replyToId },
    select: { conversationId: true, seq: true },
  });
  if (parent?.conversationId !== conversationId) throw notFound('the message replied to');
  return { replyToId, replyToSeq: parent.seq };
}

/**
 * Persist, then acknowledge, then fan out. The seq is taken in the transaction that stores the
 * message; a retry with the same clientId returns the original and stores nothing.
 */
export async function sendMessage(
  ctx: ServerContext,
  actor: Actor,
  request: SendMessage,
  acknowledge: (message: Message) => void = () => {},
): Promise<Message> {
  const original = await findBySenderClientId(ctx, actor.userId, request.clientId);
  if (original) {
    acknowledge(original);
    return original;
  }

  await requireMembership(ctx.db, actor.userId, request.conversationId);
  const reply = await replyTarget(ctx, request.conversationId, request.replyToId);
  const mentions = await resolveMentions(ctx.db, request.conversationId, request.body);

  let message: Message;
  try {
    message = await inTransaction(ctx.db, async (tx) => {
      const now = new Date();
      const next = await takeNextMessageSeq(tx, request.conversationId, now);
      // Also re-checks membership under the conversation lock: a member removed meanwhile can't post.
      const sender = await tx.membership.updateMany({
        where: { conversationId: request.conversationId, userId: actor.userId },
        data: { readSeq: next.lastSeq },
      });
      if (sender.count === 0) throw forbidden('you are not a member of this conversation');
      const row = await tx.message.create({
        data: {
          id: newId(),
          conversationId: request.conversationId,
          seq: next.lastSeq,
          changeSeq: next.lastChangeSeq,
          senderId: actor.userId,
          clientId: request.clientId,
          body: request.body,
          replyToId: reply?.replyToId ?? null,
          replyToSeq: reply?.replyToSeq ?? null,
          mentionedUserIds: mentions.userIds,
          mentionsAll: mentions.all,
          createdAt: now,
        },
        include: messageInclude,
      });
      return toWireMessage(row);
    });
  } catch (error) {
    // A concurrent retry with the same clientId committed first: answer with that one.
    if (isUniqueViolation(error)) {
      const winner = await findBySenderClientId(ctx, actor.userId, request.clientId);
      if (winner) {
        acknowledge(winner);
        return winner;
      }
    }
    throw error;
  }

  ctx.metrics.messagesSent.inc();
  acknowledge(message);
  await publishToMembers(ctx, request.conversationId, 'message:new', message);
  return message;
}
