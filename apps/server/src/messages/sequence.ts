import type { Tx } from '../platform/database/transaction.js';

/**
 * Takes the conversation's next message seq and change seq. The row lock this update holds until
 * commit is what makes seqs gapless and committed in order: concurrent senders queue here.
 */
export async function takeNextMessageSeq(tx: Tx, conversationId: string, at: Date) {
  return tx.conversation.update({
    where: { id: conversationId },
    data: { lastSeq: { increment: 1 }, lastChangeSeq: { increment: 1 }, lastMessageAt: at },
    select: { lastSeq: true, lastChangeSeq: true },
  });
}

/** Takes the next change seq, for an edit, delete or reaction of an existing message. */
export async function takeNextChangeSeq(tx: Tx, conversationId: string): Promise<number> {
  const { lastChangeSeq } = await tx.conversation.update({
    where: { id: conversationId },
    data: { lastChangeSeq: { increment: 1 } },
    select: { lastChangeSeq: true },
  });
  return lastChangeSeq;
}

/**
 * Membership changes take the conversation lock first, in the same order as sends do
 * (conversation, then membership), so the two can never deadlock.
 */
export async function lockConversation(tx: Tx, conversationId: string): Promise<void> {
  await tx.conversation.update({ where: { id: conversationId }, data: { lastChangeSeq: { increment: 0 } } });
}
