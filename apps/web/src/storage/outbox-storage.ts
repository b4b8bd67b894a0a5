import type { OutboxEntry, OutboxStorage } from '@confab/shared/client';

export const outboxKey = (userId: string) => `confab.outbox.${userId}`;

/** Messages not yet confirmed by the server survive a reload: they are few and small. */
export function createLocalOutboxStorage(userId: string): OutboxStorage {
  const key = outboxKey(userId);
  return {
    async load() {
      const raw = localStorage.getItem(key);
      // The engine validates every entry it loads.
      return raw === null ? [] : (JSON.parse(raw) as OutboxEntry[]);
    },
    async save(entries) {
      if (entries.length === 0) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(entries));
    },
  };
}
