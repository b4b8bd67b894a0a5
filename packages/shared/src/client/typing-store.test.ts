import { beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from './clock.js';
import { ALICE, BOB, CONVERSATION, ME, OTHER_CONVERSATION } from './testing/fixtures.js';
import { createTypingStore, type TypingStore } from './typing-store.js';

describe('typing store', () => {
  let clock: ManualClock;
  let emitted: string[];
  let changed: string[];
  let typing: TypingStore;

  beforeEach(() => {
    clock = createManualClock();
    emitted = [];
    changed = [];
    typing = createTypingStore({
      userId: ME,
      clock,
      emit: (event, conversationId) =>
        emitted.push(`${event} ${conversationId === CONVERSATION ? 'main' : 'other'}`),
      onChange: (conversationId) => changed.push(conversationId),
    });
  });

  describe('my typing', () => {
    it('sends typing:start at most once per 3 seconds per conversation', () => {
      typing.notify(CONVERSATION);
      clock.advance(1_000);
      typing.notify(CONVERSATION);
      clock.advance(1_999);
      typing.notify(CONVERSATION);
      expect(emitted).toEqual(['typing:start main']);
      clock.advance(1);
      typing.notify(CONVERSATION);
      expect(emitted).toEqual(['typing:start main', 'typing:start main']);
    });

    it('throttles each conversation on its own', () => {
      typing.notify(CONVERSATION);
      typing.notify(OTHER_CONVERSATION);
      expect(emitted).toEqual(['typing:start main', 'typing:start other']);
    });

    it('sends typing:stop only after a start, and the next keystroke starts again at once', () => {
      typing.stop(CONVERSATION);
      expect(emitted).toEqual([]);
      typing.notify(CONVERSATION);
      typing.stop(CONVERSATION);
      typing.notify(CONVERSATION);
      expect(emitted).toEqual(['typing:start main', 'typing:stop main', 'typing:start main']);
    });
  });

  describe("others' typing", () => {
    it('is shown until 6 seconds pass without another typing event', () => {
      typing.receive({ conversationId: CONVERSATION, userId: ALICE, typing: true });
      expect(typing.typingUserIds(CONVERSATION)).toEqual([ALICE]);
      clock.advance(5_999);
      expect(typing.typingUserIds(CONVERSATION)).toEqual([ALICE]);
      clock.advance(1);
      expect(typing.typingUserIds(CONVERSATION)).toEqual([]);
    });

    it('is renewed by another typing event', () => {
      typing.receive({ conversationId: CONVERSATION, userId: ALICE, typing: true });
      clock.advance(4_000);
      typing.receive({ conversationId: CONVERSATION, userId: ALICE, typing: true });
      clock.advance(4_000);
      expect(typing.typingUserIds(CONVERSATION)).toEqual([ALICE]);
      clock.advance(2_000);
      expect(typing.typingUserIds(CONVERSATION)).toEqual([]);
    });

    it('ends at once with typing: false', () => {
      typing.receive({ conversationId: CONVERSATION, userId: ALICE, typing: true });
      typing.receive({ conversationId: CONVERSATION, userId: BOB, typing: true });
      typing.receive({ conversationId: CONVERSATION, userId: ALICE, typing: false });
      expect(typing.typingUserIds(CONVERSATION)).toEqual([BOB]);
      expect(clock.pendingTimers()).toBe(1);
    });

    it('ends when their message arrives', () => {
      typing.receive({ conversationId: CONVERSATION, userId: ALICE, typing: true });
      typing.clearUser(CONVERSATION, ALICE);
      expect(typing.typingUserIds(CONVERSATION)).toEqual([]);
    });

    it('is never shown for myself (my other devices)', () => {
      typing.receive({ conversationId: CONVERSATION, userId: ME, typing: true });
      expect(typing.typingUserIds(CONVERSATION)).toEqual([]);
      expect(changed).toEqual([]);
    });

    it('returns the same list until it changes', () => {
      typing.receive({ conversationId: CONVERSATION, userId: ALICE, typing: true });
      const first = typing.typingUserIds(CONVERSATION);
      typing.receive({ conversationId: CONVERSATION, userId: ALICE, typing: true });
      expect(typing.typingUserIds(CONVERSATION)).toBe(first);
    });

    it('is forgotten when the connection drops', () => {
      typing.receive({ conversationId: CONVERSATION, userId: ALICE, typing: true });
      typing.notify(CONVERSATION);
      typing.reset();
      expect(typing.typingUserIds(CONVERSATION)).toEqual([]);
      expect(clock.pendingTimers()).toBe(0);
      typing.notify(CONVERSATION);
      expect(emitted).toEqual(['typing:start main', 'typing:start main']);
    });
  });
});
