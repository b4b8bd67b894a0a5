import type { UserProfile } from '@confab/shared';

/** The workspace's people, by id: names for messages, mentions and pickers. */
export interface Directory {
  user(userId: string): UserProfile | undefined;
  /** By display name. The same array until the directory changes. */
  all(): readonly UserProfile[];
  subscribe(listener: () => void): () => void;
  refresh(): Promise<void>;
  /** Someone not in the list (an account made since): reloads it, at most every few seconds. */
  noteUnknown(userId: string): void;
  update(user: UserProfile): void;
}

const RELOAD_AFTER_MS = 5_000;

export function createDirectory(load: () => Promise<readonly UserProfile[]>): Directory {
  let byId = new Map<string, UserProfile>();
  let sorted: readonly UserProfile[] = [];
  let lastLoad = 0;
  let loading: Promise<void> | null = null;
  const listeners = new Set<() => void>();

  function set(users: readonly UserProfile[]) {
    byId = new Map(users.map((user) => [user.id, user]));
    sorted = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName));
    for (const listener of [...listeners]) listener();
  }

  function refresh(): Promise<void> {
    lastLoad = Date.now();
    loading ??= load()
      .then(set)
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  return {
    user: (userId) => byId.get(userId),
    all: () => sorted,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    noteUnknown(userId) {
      if (byId.has(userId) || loading !== null || Date.now() - lastLoad < RELOAD_AFTER_MS) return;
      refresh().catch(() => {});
    },
    update(user) {
      set([...byId.values()].filter((known) => known.id !== user.id).concat(user));
    },
  };
}
