import type { Message, SystemEvent } from '@confab/shared';
import { messageInclude, toWireMessage } from '../messages/message-view.js';
import { takeNextMessageSeq } from '../messages/sequence.js';
import type { Tx } from '../platform/database/transaction.js';
import { newId } from '../platform/ids.js';

/** Membership changes are messages too, so every device learns of them in seq order. */
export async function appendSystemMessage(
  tx: Tx,
  conversationId: string,
  event: SystemEvent,
): Promise<Message> {
  const now = new Date();
  const next = await takeNextMessageSeq(tx, conversationId, now);
  const row = await tx.message.create({
    data: {
      id: newId(),
      conversationId,
      seq: next.lastSeq,
      changeSeq: next.lastChangeSeq,
      senderId: event.actorId,
      clientId: newId(),
      kind: 'system',
      body: '',
      systemEvent: event,
      createdAt: now,
    },
    include: messageInclude,
  });
  return toWireMessage(row);
}
