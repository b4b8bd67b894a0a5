import type { Message, React } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { conflict } from '../platform/errors.js';
import { changeMessage, loadVisibleMessage } from './changes.js';

async function loadReactable(ctx: ServerContext, actor: Actor, messageId: string) {
  const { message } = await loadVisibleMessage(ctx, actor, messageId);
  if (message.deletedAt) throw conflict('the message was deleted');
  return message;
}

/** Adding a reaction one already has changes nothing and sends nothing. */
export async function addReaction(ctx: ServerContext, actor: Actor, request: React): Promise<Message> {
  const message = await loadReactable(ctx, actor, request.messageId);
  return changeMessage(ctx, message.conversationId, message.id, async (tx, changeSeq) => {
    const added = await tx.reaction.createMany({
      data: [{ messageId: message.id, userId: actor.userId, emoji: request.emoji }],
      skipDuplicates: true,
    });
    if (added.count === 0) return false;
    const bumped = await tx.message.updateMany({
      where: { id: message.id, deletedAt: null },
      data: { changeSeq },
    });
    if (bumped.count === 0) throw conflict('the message was deleted');
    return true;
  });
}

export async function removeReaction(ctx: ServerContext, actor: Actor, request: React): Promise<Message> {
  const message = await loadReactable(ctx, actor, request.messageId);
  return changeMessage(ctx, message.conversationId, message.id, async (tx, changeSeq) => {
    const removed = await tx.reaction.deleteMany({
      where: { messageId: message.id, userId: actor.userId, emoji: request.emoji },
    });
    if (removed.count === 0) return false;
    await tx.message.update({ where: { id: message.id }, data: { changeSeq } });
    return true;
  });
}
