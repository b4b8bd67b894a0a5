import { LIMITS, type Presence } from '../protocol/index.js';

export interface PresenceStoreOptions {
  /** `presence:subscribe`: replaces the server-side set and answers with current presences. */
  sendSubscription(userIds: string[]): Promise<Presence[]>;
  isConnected(): boolean;
  onChange?(): void;
  onError?(error: unknown): void;
}

export interface PresenceStore {
  subscribe(userIds: readonly string[]): void;
  unsubscribe(userIds: readonly string[]): void;
  /** The union of every subscriber's users, in the order they were first asked for. */
  subscribedUserIds(): string[];
  receive(updates: readonly Presence[]): void;
  get(userId: string): Presence | undefined;
  /** After every (re)connect: the server forgot this connection's set. */
  resend(): void;
}

/**
 * Reference-counted presence subscriptions: many views may show the same person, and the server
 * hears about a user until the last of them lets go. Changes in one tick are sent as one set.
 */
export function createPresenceStore(options: PresenceStoreOptions): PresenceStore {
  const counts = new Map<string, number>();
  const presences = new Map<string, Presence>();
  let scheduled = false;
  let inFlight = false;
  let sendAgain = false;

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      send();
    });
  }

  function send() {
    if (!options.isConnected()) return;
    // One request at a time: the server replaces the set, so the last one sent must be the newest.
    if (inFlight) {
      sendAgain = true;
      return;
    }
    inFlight = true;
    const userIds = [...counts.keys()].slice(0, LIMITS.presenceSubscribeMax);
    options
      .sendSubscription(userIds)
      .then(receive, (error: unknown) => options.onError?.(error))
      .finally(() => {
        inFlight = false;
        if (sendAgain) {
          sendAgain = false;
          send();
        }
      });
  }

  function receive(updates: readonly Presence[]) {
    let changed = false;
    for (const presence of updates) {
      if (!counts.has(presence.userId)) continue;
      presences.set(presence.userId, presence);
      changed = true;
    }
    if (changed) options.onChange?.();
  }

  return {
    subscribe(userIds) {
      let added = false;
      for (const userId of userIds) {
        const count = counts.get(userId) ?? 0;
        counts.set(userId, count + 1);
        if (count === 0) added = true;
      }
      if (added) schedule();
    },

    unsubscribe(userIds) {
      let removed = false;
      for (const userId of userIds) {
        const count = counts.get(userId);
        if (count === undefined) continue;
        if (count > 1) {
          counts.set(userId, count - 1);
          continue;
        }
        counts.delete(userId);
        presences.delete(userId);
        removed = true;
      }
      if (removed) {
        schedule();
        options.onChange?.();
      }
    },

    subscribedUserIds: () => [...counts.keys()],
    receive,
    get: (userId) => presences.get(userId),
    resend: () => send(),
  };
}
