import type { TypingUpdate } from '../protocol/index.js';
import { type Clock, systemClock, type TimerHandle } from './clock.js';

/** At most one `typing:start` per conversation in this window. */
export const TYPING_THROTTLE_MS = 3_000;
/** An indicator disappears after this long without another `typing: true`. */
export const TYPING_EXPIRY_MS = 6_000;

export interface TypingStoreOptions {
  userId: string;
  emit(event: 'typing:start' | 'typing:stop', conversationId: string): void;
  onChange?(conversationId: string): void;
  clock?: Clock;
}

export interface TypingStore {
  /** I am typing (call on every keystroke; throttled here). */
  notify(conversationId: string): void;
  /** I stopped typing or sent the message. */
  stop(conversationId: string): void;
  receive(update: TypingUpdate): void;
  /** A user's message arrived: they are no longer typing it. */
  clearUser(conversationId: string, userId: string): void;
  typingUserIds(conversationId: string): readonly string[];
  /** The connection dropped: stops for others can no longer arrive, and our throttle restarts. */
  reset(): void;
}

const NOBODY: readonly string[] = Object.freeze([]);

export function createTypingStore(options: TypingStoreOptions): TypingStore {
  const clock = options.clock ?? systemClock;
  const startedAt = new Map<string, number>();
  const typing = new Map<string, Map<string, TimerHandle>>();
  const views = new Map<string, readonly string[]>();

  function changed(conversationId: string) {
    views.delete(conversationId);
    options.onChange?.(conversationId);
  }

  function clearUser(conversationId: string, userId: string) {
    const users = typing.get(conversationId);
    const timer = users?.get(userId);
    if (users === undefined || timer === undefined) return;
    clock.clearTimeout(timer);
    users.delete(userId);
    if (users.size === 0) typing.delete(conversationId);
    changed(conversationId);
  }

  return {
    notify(conversationId) {
      const last = startedAt.get(conversationId);
      if (last !== undefined && clock.now() - last < TYPING_THROTTLE_MS) return;
      startedAt.set(conversationId, clock.now());
      options.emit('typing:start', conversationId);
    },

    stop(conversationId) {
      if (!startedAt.delete(conversationId)) return;
      options.emit('typing:stop', conversationId);
    },

    receive({ conversationId, userId, typing: isTyping }) {
      if (userId === options.userId) return;
      if (!isTyping) return clearUser(conversationId, userId);
      const users = typing.get(conversationId) ?? new Map<string, TimerHandle>();
      typing.set(conversationId, users);
      const previous = users.get(userId);
      if (previous !== undefined) clock.clearTimeout(previous);
      users.set(
        userId,
        clock.setTimeout(() => clearUser(conversationId, userId), TYPING_EXPIRY_MS),
      );
      if (previous === undefined) changed(conversationId);
    },

    clearUser,

    typingUserIds(conversationId) {
      const users = typing.get(conversationId);
      if (users === undefined) return NOBODY;
      let view = views.get(conversationId);
      if (view === undefined) {
        view = [...users.keys()];
        views.set(conversationId, view);
      }
      return view;
    },

    reset() {
      startedAt.clear();
      for (const [conversationId, users] of typing) {
        for (const timer of users.values()) clock.clearTimeout(timer);
        typing.delete(conversationId);
        changed(conversationId);
      }
    },
  };
}
