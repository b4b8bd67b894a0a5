import { LIMITS, type MarkDelivered, type MarkRead, type MarkUnread, type ReadState } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { requireMembership } from '../conversations/access.js';
import { memberIds } from '../conversations/recipients.js';
import { clearReadNotifications } from '../push/clear-notifications.js';
import { unreadOf } from './unread.js';

/**
 * Tells every device of the reader the new cursor and counts, and the other members the cursor
 * for their receipts — except in large conversations, which degrade to no receipts.
 */
async function publishReadState(
  ctx: ServerContext,
  actor: Actor,
  conversationId: string,
  cursor: { readSeq: number; deliveredSeq: number },
): Promise<ReadState> {
  const unread = await unreadOf(ctx, actor.userId, conversationId);
  const base = { conversationId, userId: actor.userId, ...cursor };
  ctx.events.toUsers([actor.userId], 'read:updated', { ...base, unread });
  const members = await memberIds(ctx, conversationId);
  if (members.length <= LIMITS.receiptsMaxMembers) {
    ctx.events.toUsers(
      members.filter((id) => id !== actor.userId),
      'read:updated',
      base,
    );
  }
  return { conversationId, readSeq: cursor.readSeq, unread };
}

/** The read cursor only moves forward here; an older seq changes nothing. */
export async function markRead(ctx: ServerContext, actor: Actor, request: MarkRead): Promise<ReadState> {
  const membership = await requireMembership(ctx.db, actor.userId, request.conversationId);
  const target = Math.min(request.seq, membership.conversation.lastSeq);
  const moved = await ctx.db.membership.updateMany({
    where: { conversationId: request.conversationId, userId: actor.userId, readSeq: { lt: target } },
    data: { readSeq: target },
  });
  if (moved.count === 0) {
    return {
      conversationId: request.conversationId,
      readSeq: membership.readSeq,
      unread: await unreadOf(ctx, actor.userId, request.conversationId),
    };
  }
  clearReadNotifications(ctx, actor.userId, request.conversationId, target);
  return publishReadState(ctx, actor, request.conversationId, {
    readSeq: target,
    deliveredSeq: Math.max(membership.deliveredSeq, target),
  });
}

/** The one way back: `seq` and everything after it become unread again. */
export async function markUnread(ctx: ServerContext, actor: Actor, request: MarkUnread): Promise<ReadState> {
  const membership = await requireMembership(ctx.db, actor.userId, request.conversationId);
  const readSeq = Math.min(request.seq - 1, membership.conversation.lastSeq);
  await ctx.db.membership.update({
    where: { conversationId_userId: { conversationId: request.conversationId, userId: actor.userId } },
    data: { readSeq },
  });
  return publishReadState(ctx, actor, request.conversationId, {
    readSeq,
    deliveredSeq: membership.deliveredSeq,
  });
}

/** Delivered receipts exist for direct conversations only; elsewhere this is a no-op. */
export async function markDelivered(ctx: ServerContext, actor: Actor, request: MarkDelivered): Promise<void> {
  const membership = await requireMembership(ctx.db, actor.userId, request.conversationId);
  if (membership.conversation.kind !== 'direct') return;
  const target = Math.min(request.seq, membership.conversation.lastSeq);
  const moved = await ctx.db.membership.updateMany({
    where: { conversationId: request.conversationId, userId: actor.userId, deliveredSeq: { lt: target } },
    data: { deliveredSeq: target },
  });
  if (moved.count === 0) return;
  const others = (await memberIds(ctx, request.conversationId)).filter((id) => id !== actor.userId);
  ctx.events.toUsers(others, 'read:updated', {
    conversationId: request.conversationId,
    userId: actor.userId,
    readSeq: membership.readSeq,
    deliveredSeq: target,
  });
}
