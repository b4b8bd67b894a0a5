import { LIMITS, type MarkDelivered, type MarkRead, type MarkUnread, type ReadState } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { requireMembership } from '../conversations/access.js';
import { memberIds } from '../conversations/recipients.js';
import { isRecordNotFound } from '../platform/errors.js';
import { clearReadNotifications } from '../push/clear-notifications.js';
import { unreadOf } from './unread.js';

/** The reader's cursor as stored: the seq, and how many times it was moved back (mark unread). */
interface Cursor {
  readSeq: number;
  readEpoch: number;
  deliveredSeq: number;
}

/**
 * Tells every device of the reader the new cursor and counts, and the other members the cursor
 * for their receipts — except in large conversations, which degrade to no receipts.
 */
async function publishReadState(
  ctx: ServerContext,
  actor: Actor,
  conversationId: string,
  { readSeq, readEpoch, deliveredSeq }: Cursor,
): Promise<ReadState> {
  const unread = await unreadOf(ctx, actor.userId, conversationId);
  const receipt = { conversationId, userId: actor.userId, readSeq, deliveredSeq };
  ctx.events.toUsers([actor.userId], 'read:updated', { ...receipt, readEpoch, unread });
  const members = await memberIds(ctx, conversationId);
  if (members.length <= LIMITS.receiptsMaxMembers) {
    ctx.events.toUsers(
      members.filter((id) => id !== actor.userId),
      'read:updated',
      receipt,
    );
  }
  return { conversationId, readSeq, readEpoch, unread };
}

const cursorSelect = { readSeq: true, readEpoch: true, deliveredSeq: true } as const;

/** The read cursor only moves forward here; an older seq changes nothing. */
export async function markRead(ctx: ServerContext, actor: Actor, request: MarkRead): Promise<ReadState> {
  const { conversationId } = request;
  const membership = await requireMembership(ctx.db, actor.userId, conversationId);
  const target = Math.min(request.seq, membership.conversation.lastSeq);
  // One conditional UPDATE … RETURNING: the epoch read back is the one the new seq was stored
  // with, even if a mark-as-unread from another device ran meanwhile.
  const moved = await ctx.db.membership
    .update({
      where: { conversationId_userId: { conversationId, userId: actor.userId }, readSeq: { lt: target } },
      data: { readSeq: target },
      select: cursorSelect,
    })
    .catch((error: unknown) => {
      if (isRecordNotFound(error)) return null;
      throw error;
    });
  if (!moved) {
    return {
      conversationId,
      readSeq: membership.readSeq,
      readEpoch: membership.readEpoch,
      unread: await unreadOf(ctx, actor.userId, conversationId),
    };
  }
  clearReadNotifications(ctx, actor.userId, conversationId, target);
  // What was read was delivered, whether or not a device said so.
  return publishReadState(ctx, actor, conversationId, {
    ...moved,
    deliveredSeq: Math.max(moved.deliveredSeq, target),
  });
}

/** The one way back: `seq` and everything after it become unread again, in a new epoch. */
export async function markUnread(ctx: ServerContext, actor: Actor, request: MarkUnread): Promise<ReadState> {
  const { conversationId } = request;
  const membership = await requireMembership(ctx.db, actor.userId, conversationId);
  const readSeq = Math.min(request.seq - 1, membership.conversation.lastSeq);
  const cursor = await ctx.db.membership.update({
    where: { conversationId_userId: { conversationId, userId: actor.userId } },
    data: { readSeq, readEpoch: { increment: 1 } },
    select: cursorSelect,
  });
  return publishReadState(ctx, actor, conversationId, cursor);
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
