import type { Message } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { requireMembership } from '../conversations/access.js';
import { publishToMembers } from '../conversations/recipients.js';
import { inTransaction, type Tx } from '../platform/database/transaction.js';
import { notFound } from '../platform/errors.js';
import { enqueueMessageIndexing } from '../search/index-queue.js';
import { messageInclude, toWireMessage } from './message-view.js';
import { takeNextChangeSeq } from './sequence.js';

/** Thrown inside a change's transaction when there is nothing to change; rolls the change seq back. */
class NothingToChange extends Error {}

/** Loads a message the actor may see: they must be a member of its conversation. */
export async function loadVisibleMessage(ctx: ServerContext, actor: Actor, messageId: string) {
  const message = await ctx.db.message.findUnique({ where: { id: messageId } });
  if (!message) throw notFound('message');
  const membership = await requireMembership(ctx.db, actor.userId, message.conversationId);
  return { message, membership };
}

/**
 * Every change to an existing message takes the conversation's next change seq, applies the
 * change under the conversation lock, and sends the message's whole new snapshot to the members.
 * `apply` returns false (or throws) to change nothing.
 */
export async function changeMessage(
  ctx: ServerContext,
  conversationId: string,
  messageId: string,
  apply: (tx: Tx, changeSeq: number) => Promise<boolean>,
): Promise<Message> {
  try {
    const message = await inTransaction(ctx.db, async (tx) => {
      const changeSeq = await takeNextChangeSeq(tx, conversationId);
      if (!(await apply(tx, changeSeq))) throw new NothingToChange();
      // Read under the lock, so the snapshot is exactly the state this change seq names.
      return toWireMessage(
        await tx.message.findUniqueOrThrow({ where: { id: messageId }, include: messageInclude }),
      );
    });
    await publishToMembers(ctx, conversationId, 'message:updated', message);
    enqueueMessageIndexing(ctx, message);
    return message;
  } catch (error) {
    if (!(error instanceof NothingToChange)) throw error;
  }
  const unchanged = await ctx.db.message.findUniqueOrThrow({
    where: { id: messageId },
    include: messageInclude,
  });
  const message = toWireMessage(unchanged);
  return message;
}
