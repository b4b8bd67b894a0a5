import { z } from 'zod';
import { ConversationState, Message, type SyncCursor } from '../protocol/index.js';
import type { ChangeFeed } from './changes.js';
import { ConversationStore, type StoredConversation } from './conversation-store.js';
import type { ErrorReporter } from './errors.js';

/** Where a device keeps its conversations — state, messages and sync cursor together. */
export interface ConversationStorage {
  load(): Promise<StoredConversation[]>;
  save(conversation: StoredConversation): Promise<void>;
  remove(conversationId: string): Promise<void>;
}

export function createMemoryConversationStorage(): ConversationStorage {
  const saved = new Map<string, StoredConversation>();
  return {
    load: async () => [...saved.values()],
    save: async (conversation) => {
      saved.set(conversation.state.id, conversation);
    },
    remove: async (conversationId) => {
      saved.delete(conversationId);
    },
  };
}

const StoredConversationSchema = z.object({
  state: ConversationState,
  messages: z.array(Message),
  lowSeq: z.number().int().nonnegative(),
  changeSeq: z.number().int().nonnegative().nullable(),
});

/** The conversations this device holds. Every change is persisted (batched) and announced. */
export interface Conversations {
  load(): Promise<void>;
  get(conversationId: string): ConversationStore | undefined;
  all(): IterableIterator<ConversationStore>;
  /** Adds a conversation the device did not hold, or updates its state. */
  upsert(state: ConversationState): ConversationStore;
  remove(conversationId: string): void;
  /** Call after changing a store: persists it and tells subscribers. */
  changed(conversationId: string): void;
  /** The device's sync cursors (conversations still waiting for their first catch-up have none). */
  cursors(): SyncCursor[];
  /** Resolves once every change so far is in storage. */
  flushed(): Promise<void>;
}

export function createConversations(options: {
  storage: ConversationStorage;
  changes: ChangeFeed;
  onError: ErrorReporter;
}): Conversations {
  const { storage, changes, onError } = options;
  const stores = new Map<string, ConversationStore>();
  const dirty = new Set<string>();
  let flushQueued = false;
  let writing: Promise<void> = Promise.resolve();

  function fail(operation: string) {
    return (error: unknown) => onError({ kind: 'storage', operation, error });
  }

  function scheduleWrite() {
    if (flushQueued) return;
    flushQueued = true;
    writing = writing.then(async () => {
      flushQueued = false;
      const ids = [...dirty];
      dirty.clear();
      for (const id of ids) {
        const store = stores.get(id);
        if (store) await storage.save(store.toStored()).catch(fail('conversations.save'));
        else await storage.remove(id).catch(fail('conversations.remove'));
      }
    });
  }

  function changed(conversationId: string) {
    dirty.add(conversationId);
    scheduleWrite();
    changes.touch(conversationId);
  }

  return {
    flushed: () => writing,
    async load() {
      const loaded = await storage.load().catch((error: unknown) => {
        fail('conversations.load')(error);
        return [];
      });
      for (const raw of loaded) {
        const parsed = StoredConversationSchema.safeParse(raw);
        if (!parsed.success) {
          fail('conversations.load')(parsed.error);
          continue;
        }
        if (stores.has(parsed.data.state.id)) continue;
        stores.set(parsed.data.state.id, ConversationStore.restore(parsed.data));
        changes.touch(parsed.data.state.id);
      }
    },
    get: (conversationId) => stores.get(conversationId),
    all: () => stores.values(),
    upsert(state) {
      let store = stores.get(state.id);
      if (store) store.setState(state);
      else {
        store = ConversationStore.empty(state);
        stores.set(state.id, store);
      }
      changed(state.id);
      return store;
    },
    remove(conversationId) {
      if (!stores.delete(conversationId)) return;
      changed(conversationId);
    },
    changed,
    cursors() {
      const cursors: SyncCursor[] = [];
      for (const store of stores.values()) {
        if (store.cursor !== null) cursors.push({ conversationId: store.id, changeSeq: store.cursor });
      }
      return cursors;
    },
  };
}
