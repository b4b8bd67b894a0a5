import type { Message } from '../protocol/index.js';
import type { Conversations } from './conversations.js';
import type { DeliveryMarks } from './delivery.js';
import type { GapWatcher } from './gaps.js';
import type { Outbox } from './outbox.js';
import { withOwnMessage } from './read-state.js';
import type { TypingStore } from './typing-store.js';

/**
 * The one path every message snapshot takes, whatever brought it: a live event, the ack of our
 * own request, a catch-up page or a history page. The sender's own message is no special case.
 */
export interface Ingest {
  /** `message:new` / `message:updated`, or the same snapshot from an acknowledgement. */
  live(message: Message, kind: 'new' | 'updated'): void;
  /** Snapshots a catch-up or history page has just applied to the conversation's store. */
  applied(conversationId: string, messages: readonly Message[]): void;
}

export function createIngest(deps: {
  userId: string;
  conversations: Conversations;
  outbox: Outbox;
  typing: TypingStore;
  delivery: DeliveryMarks;
  gaps: GapWatcher;
  requestCatchUp(): void;
}): Ingest {
  const { userId, conversations, outbox, typing, delivery, gaps } = deps;

  return {
    live(message, kind) {
      const mine = message.senderId === userId;
      if (mine) outbox.reconcile(message.clientId);
      const store = conversations.get(message.conversationId);
      // Unknown, or joined but not caught up yet: the catch-up brings it whole (with `reset`).
      if (store === undefined || store.cursor === null) return deps.requestCatchUp();

      const result = store.applySnapshot(message);
      if (kind === 'new' && result === 'added') {
        // Only sends move the sender's cursor on the server; system messages (I added someone) don't.
        if (mine && message.kind === 'user') store.updateState((state) => withOwnMessage(state, message.seq));
        else delivery.note(store.id);
      }
      if (kind === 'new' && !mine) typing.clearUser(store.id, message.senderId);
      conversations.changed(store.id);
      if (store.hasSeqGap || store.missingChanges) gaps.notice(store.id);
    },

    applied(conversationId, messages) {
      let fromOthers = false;
      const store = conversations.get(conversationId);
      for (const message of messages) {
        if (message.senderId !== userId) {
          fromOthers = true;
          continue;
        }
        outbox.reconcile(message.clientId);
        // However my message arrived, the server moved my cursor past it when it stored it.
        if (message.kind === 'user') store?.updateState((state) => withOwnMessage(state, message.seq));
      }
      if (fromOthers) delivery.note(conversationId);
    },
  };
}
