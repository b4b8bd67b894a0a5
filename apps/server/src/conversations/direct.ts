import type { ConversationState } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { inTransaction } from '../platform/database/transaction.js';
import { DomainError, isUniqueViolation } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { announceMembershipChange } from './announce.js';
import { conversationState } from './conversation-state.js';
import { requireActiveUsers } from './users-exist.js';

const directKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** A pair of people has exactly one direct conversation; opening it again returns that one. */
export async function openDirectConversation(
  ctx: ServerContext,
  actor: Actor,
  peerId: string,
): Promise<ConversationState> {
  if (peerId === actor.userId)
    throw new DomainError('bad_request', 'a direct conversation needs another person');
  const key = directKey(actor.userId, peerId);
  const existing = await ctx.db.conversation.findUnique({ where: { directKey: key } });
  if (existing) return conversationState(ctx, actor.userId, existing.id);

  let id: string;
  try {
    id = await inTransaction(ctx.db, async (tx) => {
      await requireActiveUsers(tx, [peerId]);
      const conversation = await tx.conversation.create({
        data: {
          id: newId(),
          kind: 'direct',
          directKey: key,
          memberships: { create: [{ userId: actor.userId }, { userId: peerId }] },
        },
      });
      return conversation.id;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Both people opened it at once; the other transaction won.
    const winner = await ctx.db.conversation.findUniqueOrThrow({ where: { directKey: key } });
    return conversationState(ctx, actor.userId, winner.id);
  }
  await announceMembershipChange(ctx, id, null, { joined: [actor.userId, peerId] });
  return conversationState(ctx, actor.userId, id);
}
