import type { ChannelListing, ConversationState } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { lockConversation } from '../messages/sequence.js';
import { inTransaction } from '../platform/database/transaction.js';
import { DomainError, notFound } from '../platform/errors.js';
import { announceMembershipChange } from './announce.js';
import { conversationState } from './conversation-state.js';
import { appendSystemMessage } from './system-messages.js';

/** Every public channel of the workspace, for browsing; groups and direct conversations never appear. */
export async function listChannels(ctx: ServerContext, actor: Actor): Promise<ChannelListing[]> {
  const channels = await ctx.db.conversation.findMany({
    where: { kind: 'channel' },
    orderBy: { name: 'asc' },
    include: {
      _count: { select: { memberships: true } },
      memberships: { where: { userId: actor.userId }, select: { userId: true } },
    },
  });
  return channels.map((channel) => ({
    id: channel.id,
    name: channel.name ?? '',
    topic: channel.topic,
    memberCount: channel._count.memberships,
    joined: channel.memberships.length > 0,
  }));
}

/** Anyone in the workspace may join a public channel; a new member sees its whole history. */
export async function joinChannel(
  ctx: ServerContext,
  actor: Actor,
  conversationId: string,
): Promise<ConversationState> {
  const channel = await ctx.db.conversation.findUnique({ where: { id: conversationId } });
  if (!channel) throw notFound('channel');
  if (channel.kind !== 'channel') throw new DomainError('forbidden', 'only public channels can be joined');
  const message = await inTransaction(ctx.db, async (tx) => {
    await lockConversation(tx, conversationId);
    const joined = await tx.membership.createMany({
      data: [{ conversationId, userId: actor.userId }],
      skipDuplicates: true,
    });
    if (joined.count === 0) return null;
    return appendSystemMessage(tx, conversationId, {
      type: 'member_joined',
      actorId: actor.userId,
      userIds: [actor.userId],
    });
  });
  if (message) await announceMembershipChange(ctx, conversationId, message, { joined: [actor.userId] });
  return conversationState(ctx, actor.userId, conversationId);
}
