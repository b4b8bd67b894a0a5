import type { DeleteMessage, Message } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { canModerate } from '../conversations/access.js';
import { forbidden } from '../platform/errors.js';
import { changeMessage, loadVisibleMessage } from './changes.js';

/**
 * Deleting leaves a tombstone: the row keeps its seq (so no device sees a gap) and loses its
 * text, mentions and reactions. Senders delete their own; conversation owners and admins and
 * workspace admins delete anyone's.
 */
export async function deleteMessage(
  ctx: ServerContext,
  actor: Actor,
  request: DeleteMessage,
): Promise<Message> {
  const { message, membership } = await loadVisibleMessage(ctx, actor, request.messageId);
  if (message.kind !== 'user') throw forbidden('system messages cannot be deleted');
  if (message.senderId !== actor.userId && !canModerate(membership.role)) {
    const user = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { role: true } });
    if (user.role !== 'admin') throw forbidden('you can delete only your own messages');
  }
  return changeMessage(ctx, message.conversationId, message.id, async (tx, changeSeq) => {
    const deleted = await tx.message.updateMany({
      where: { id: message.id, deletedAt: null },
      data: { body: '', deletedAt: new Date(), changeSeq, mentionedUserIds: [], mentionsAll: false },
    });
    if (deleted.count === 0) return false;
    await tx.reaction.deleteMany({ where: { messageId: message.id } });
    return true;
  });
}
