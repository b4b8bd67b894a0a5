import type { ConversationState, Message } from '../protocol/index.js';
import type { ChangeFeed } from './changes.js';
import type { Conversations } from './conversations.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import { type Unread, unreadCounts } from './read-state.js';
import type { TypingStore } from './typing-store.js';

export interface ConversationView {
  state: ConversationState;
  /** Seq order. */
  messages: readonly Message[];
  /** This device's unconfirmed sends, in the order written. */
  pending: readonly OutboxEntry[];
  typingUserIds: readonly string[];
  unread: Unread;
}

/** Plain and deterministic, for comparing two devices. */
export interface ClientSnapshot {
  conversations: Record<string, { readSeq: number; messages: Message[] }>;
}

export interface Views {
  /** Most recent activity first. */
  conversations(): readonly ConversationState[];
  conversation(conversationId: string): ConversationView | undefined;
  snapshot(): ClientSnapshot;
}

/**
 * What the UI reads. A view is the same object until its conversation changes, so it works as
 * the snapshot of React's useSyncExternalStore.
 */
export function createViews(deps: {
  userId: string;
  conversations: Conversations;
  outbox: Outbox;
  typing: TypingStore;
  changes: ChangeFeed;
}): Views {
  const { userId, conversations, outbox, typing, changes } = deps;
  const cache = new Map<string, { version: number; view: ConversationView }>();
  let list: { revision: number; states: readonly ConversationState[] } | undefined;

  return {
    conversations() {
      if (list?.revision !== changes.revision) {
        const states = [...conversations.all()].map((store) => store.state);
        states.sort(
          (a, b) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) || a.id.localeCompare(b.id),
        );
        list = { revision: changes.revision, states };
      }
      return list.states;
    },

    conversation(conversationId) {
      const store = conversations.get(conversationId);
      if (store === undefined) {
        cache.delete(conversationId);
        return undefined;
      }
      const version = changes.version(conversationId);
      const cached = cache.get(conversationId);
      if (cached?.version === version && cached.view.state === store.state) return cached.view;
      const messages = store.messages();
      const view: ConversationView = {
        state: store.state,
        messages,
        pending: outbox.entries(conversationId),
        typingUserIds: typing.typingUserIds(conversationId),
        unread: unreadCounts(store.state, messages, userId),
      };
      cache.set(conversationId, { version, view });
      return view;
    },

    snapshot() {
      const snapshot: ClientSnapshot = { conversations: {} };
      const stores = [...conversations.all()].sort((a, b) => a.id.localeCompare(b.id));
      for (const store of stores) {
        snapshot.conversations[store.id] = {
          readSeq: store.state.me.readSeq,
          messages: [...store.messages()],
        };
      }
      return snapshot;
    },
  };
}
