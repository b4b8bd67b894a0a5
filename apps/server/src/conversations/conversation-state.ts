import { type ConversationState, LIMITS, type ReceiptCursor } from '@confab/shared';
import type { ServerContext } from '../context.js';
import { unreadByConversation } from '../read-state/unread.js';

/** How a set of the user's conversations looks to them: their role, cursor, counts and receipts. */
export async function conversationStates(
  ctx: ServerContext,
  userId: string,
  conversationIds?: string[],
): Promise<ConversationState[]> {
  const memberships = await ctx.db.membership.findMany({
    where: { userId, ...(conversationIds ? { conversationId: { in: conversationIds } } : {}) },
    include: { conversation: { include: { _count: { select: { memberships: true } } } } },
    orderBy: { conversation: { lastMessageAt: 'desc' } },
  });
  const ids = memberships.map((m) => m.conversationId);
  const unread = await unreadByConversation(ctx, userId, ids);
  const small = memberships
    .filter((m) => m.conversation._count.memberships <= LIMITS.receiptsMaxMembers)
    .map((m) => m.conversationId);
  const others = await ctx.db.membership.findMany({
    where: { conversationId: { in: small }, userId: { not: userId } },
    select: { conversationId: true, userId: true, readSeq: true, deliveredSeq: true },
  });
  const receipts = new Map<string, ReceiptCursor[]>();
  for (const { conversationId, ...cursor } of others) {
    receipts.set(conversationId, [...(receipts.get(conversationId) ?? []), cursor]);
  }

  return memberships.map(({ conversation, ...me }) => {
    const cursors = receipts.get(conversation.id) ?? [];
    return {
      id: conversation.id,
      kind: conversation.kind,
      name: conversation.name,
      topic: conversation.topic,
      lastSeq: conversation.lastSeq,
      lastChangeSeq: conversation.lastChangeSeq,
      lastMessageAt: conversation.lastMessageAt.toISOString(),
      memberCount: conversation._count.memberships,
      peerId: conversation.kind === 'direct' ? (cursors[0]?.userId ?? userId) : null,
      me: {
        role: me.role,
        readSeq: me.readSeq,
        readEpoch: me.readEpoch,
        notificationLevel: me.notificationLevel,
      },
      unread: unread.get(conversation.id) ?? { count: 0, mentions: 0, asOfSeq: conversation.lastSeq },
      receipts: cursors,
    };
  });
}

export async function conversationState(
  ctx: ServerContext,
  userId: string,
  conversationId: string,
): Promise<ConversationState> {
  const [state] = await conversationStates(ctx, userId, [conversationId]);
  if (!state) throw new Error(`user ${userId} is not a member of ${conversationId}`);
  return state;
}
