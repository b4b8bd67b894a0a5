import type { ConversationState, Member, NotificationLevel } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { lockConversation } from '../messages/sequence.js';
import { inTransaction } from '../platform/database/transaction.js';
import { DomainError, forbidden, notFound } from '../platform/errors.js';
import { canModerate, requireMembership } from './access.js';
import { announceMembershipChange } from './announce.js';
import { conversationState } from './conversation-state.js';
import { appendSystemMessage } from './system-messages.js';
import { requireActiveUsers } from './users-exist.js';

const directIsFixed = () =>
  new DomainError('bad_request', 'a direct conversation always has exactly its two people');

export async function listMembers(
  ctx: ServerContext,
  actor: Actor,
  conversationId: string,
): Promise<Member[]> {
  await requireMembership(ctx.db, actor.userId, conversationId);
  const members = await ctx.db.membership.findMany({
    where: { conversationId },
    orderBy: { joinedAt: 'asc' },
  });
  return members.map((m) => ({ userId: m.userId, role: m.role, joinedAt: m.joinedAt.toISOString() }));
}

/** Any member may add people to a group or channel. */
export async function addMembers(
  ctx: ServerContext,
  actor: Actor,
  conversationId: string,
  userIds: string[],
): Promise<ConversationState> {
  const membership = await requireMembership(ctx.db, actor.userId, conversationId);
  if (membership.conversation.kind === 'direct') throw directIsFixed();
  const result = await inTransaction(ctx.db, async (tx) => {
    await lockConversation(tx, conversationId);
    await requireActiveUsers(tx, userIds);
    const existing = await tx.membership.findMany({
      where: { conversationId, userId: { in: userIds } },
      select: { userId: true },
    });
    const already = new Set(existing.map((m) => m.userId));
    const added = [...new Set(userIds)].filter((id) => !already.has(id));
    if (added.length === 0) return null;
    await tx.membership.createMany({ data: added.map((userId) => ({ conversationId, userId })) });
    const message = await appendSystemMessage(tx, conversationId, {
      type: 'member_added',
      actorId: actor.userId,
      userIds: added,
    });
    return { added, message };
  });
  if (result) await announceMembershipChange(ctx, conversationId, result.message, { joined: result.added });
  return conversationState(ctx, actor.userId, conversationId);
}

/**
 * Removing someone else takes a conversation owner or admin (owners can't be removed);
 * removing oneself is leaving. If the last owner leaves, the longest-standing member becomes owner.
 */
export async function removeMember(
  ctx: ServerContext,
  actor: Actor,
  conversationId: string,
  userId: string,
): Promise<void> {
  const membership = await requireMembership(ctx.db, actor.userId, conversationId);
  if (membership.conversation.kind === 'direct') throw directIsFixed();
  const leaving = userId === actor.userId;
  if (!leaving && !canModerate(membership.role)) throw forbidden('only owners and admins remove members');

  const message = await inTransaction(ctx.db, async (tx) => {
    await lockConversation(tx, conversationId);
    const target = await tx.membership.findUnique({
      where: { conversationId_userId: { conversationId, userId } },
    });
    if (!target) throw notFound('member');
    if (!leaving && target.role === 'owner') throw forbidden('owners cannot be removed');
    await tx.membership.delete({ where: { conversationId_userId: { conversationId, userId } } });
    if (
      target.role === 'owner' &&
      (await tx.membership.count({ where: { conversationId, role: 'owner' } })) === 0
    ) {
      const successor = await tx.membership.findFirst({
        where: { conversationId },
        orderBy: { joinedAt: 'asc' },
      });
      if (successor) {
        await tx.membership.update({
          where: { conversationId_userId: { conversationId, userId: successor.userId } },
          data: { role: 'owner' },
        });
      }
    }
    return appendSystemMessage(tx, conversationId, {
      type: leaving ? 'member_left' : 'member_removed',
      actorId: actor.userId,
      userIds: [userId],
    });
  });
  await announceMembershipChange(ctx, conversationId, message, { left: [userId] });
}

export async function setNotificationLevel(
  ctx: ServerContext,
  actor: Actor,
  conversationId: string,
  notificationLevel: NotificationLevel,
): Promise<ConversationState> {
  await requireMembership(ctx.db, actor.userId, conversationId);
  await ctx.db.membership.update({
    where: { conversationId_userId: { conversationId, userId: actor.userId } },
    data: { notificationLevel },
  });
  return conversationState(ctx, actor.userId, conversationId);
}
