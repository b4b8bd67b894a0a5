import type { ConversationStorage, StoredConversation } from '@confab/shared/client';
import { createMemoryConversationStorage } from '@confab/shared/client';
import { trimStored } from './trim-stored';

const STORE = 'conversations';

export const conversationDatabaseName = (userId: string) => `confab.${userId}`;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function open(name: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE);
  return promised(request);
}

export interface BrowserConversationStorage extends ConversationStorage {
  /** Lets the database go (before it is deleted on sign-out). */
  close(): Promise<void>;
}

/**
 * Each conversation (state, latest messages and sync cursor together) is one IndexedDB record,
 * in a database per user, so a reload starts from what the device had and only catches up.
 */
export function createIndexedDbConversationStorage(userId: string): BrowserConversationStorage {
  if (typeof indexedDB === 'undefined')
    return { ...createMemoryConversationStorage(), close: async () => {} };
  let database: Promise<IDBDatabase> | undefined;
  const db = () => {
    database ??= open(conversationDatabaseName(userId));
    return database;
  };
  const store = async (mode: IDBTransactionMode) => (await db()).transaction(STORE, mode).objectStore(STORE);

  return {
    async load() {
      return promised((await store('readonly')).getAll() as IDBRequest<StoredConversation[]>);
    },
    async save(conversation) {
      await promised((await store('readwrite')).put(trimStored(conversation), conversation.state.id));
    },
    async remove(conversationId) {
      await promised((await store('readwrite')).delete(conversationId));
    },
    async close() {
      const opened = database;
      database = undefined;
      if (opened) (await opened.catch(() => null))?.close();
    },
  };
}
