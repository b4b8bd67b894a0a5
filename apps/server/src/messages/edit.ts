import type { EditMessage, Message } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { conflict, DomainError, forbidden } from '../platform/errors.js';
import { changeMessage, loadVisibleMessage } from './changes.js';
import { resolveMentions } from './mentions.js';

/** Senders edit their own messages within the workspace's edit window. */
export async function editMessage(ctx: ServerContext, actor: Actor, request: EditMessage): Promise<Message> {
  const { message } = await loadVisibleMessage(ctx, actor, request.messageId);
  if (message.senderId !== actor.userId || message.kind !== 'user') {
    throw forbidden('you can edit only your own messages');
  }
  if (message.deletedAt) throw conflict('the message was deleted');
  const windowMs = ctx.config.editWindowSeconds * 1000;
  if (Date.now() - message.createdAt.getTime() > windowMs) {
    throw new DomainError(
      'edit_window_expired',
      `messages can be edited for ${ctx.config.editWindowSeconds} s`,
    );
  }
  const mentions = await resolveMentions(ctx.db, message.conversationId, request.body);
  return changeMessage(ctx, message.conversationId, message.id, async (tx, changeSeq) => {
    const edited = await tx.message.updateMany({
      where: { id: message.id, deletedAt: null },
      data: {
        body: request.body,
        editedAt: new Date(),
        changeSeq,
        mentionedUserIds: mentions.userIds,
        mentionsAll: mentions.all,
      },
    });
    if (edited.count === 0) throw conflict('the message was deleted');
    return true;
  });
}
