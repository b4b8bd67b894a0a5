/**
 * Tells subscribers that something changed, once per burst (a microtask later), and keeps a
 * version per conversation so views can be cached until their conversation changes.
 */
export interface ChangeFeed {
  touch(conversationId?: string): void;
  version(conversationId: string): number;
  readonly revision: number;
  subscribe(listener: () => void): () => void;
}

export function createChangeFeed(onListenerError: (error: unknown) => void): ChangeFeed {
  const listeners = new Set<() => void>();
  const versions = new Map<string, number>();
  let revision = 0;
  let scheduled = false;

  function notify() {
    scheduled = false;
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        onListenerError(error);
      }
    }
  }

  return {
    touch(conversationId) {
      revision++;
      if (conversationId !== undefined) versions.set(conversationId, revision);
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(notify);
    },
    version: (conversationId) => versions.get(conversationId) ?? 0,
    get revision() {
      return revision;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
