import { describe, expect, it } from 'vitest';
import { ConversationStore } from './conversation-store.js';
import {
  CONVERSATION,
  conversationState,
  message,
  messages,
  OTHER_CONVERSATION,
} from './testing/fixtures.js';

/** A conversation caught up to messages 1..n (one change each), as after a first `reset`. */
function caughtUp(n: number): ConversationStore {
  const store = ConversationStore.empty(conversationState({ lastSeq: n, lastChangeSeq: n }));
  store.reset(messages(1, n), n);
  return store;
}

const seqs = (store: ConversationStore) => store.messages().map((held) => held.seq);

describe('ConversationStore', () => {
  it('keeps messages in seq order whatever order they arrive in', () => {
    const store = caughtUp(2);
    store.applySnapshot(message(4));
    store.applySnapshot(message(3));
    expect(seqs(store)).toEqual([1, 2, 3, 4]);
  });

  it('a snapshot with a lower changeSeq never overwrites a newer one', () => {
    const store = caughtUp(3);
    const edited = message(2, { changeSeq: 5, body: 'edited', editedAt: '2026-01-01T00:01:00.000Z' });
    expect(store.applySnapshot(edited)).toBe('replaced');
    expect(store.applySnapshot(message(2))).toBe('stale');
    expect(store.message(2)?.body).toBe('edited');
  });

  it('applying the same snapshot twice changes nothing', () => {
    const store = caughtUp(2);
    expect(store.applySnapshot(message(3))).toBe('added');
    const before = store.messages();
    expect(store.applySnapshot(message(3))).toBe('stale');
    expect(store.messages()).toBe(before);
  });

  it('a seq jump is reported as a gap, and filling it closes the gap', () => {
    const store = caughtUp(10);
    store.applySnapshot(message(12));
    expect(store.hasSeqGap).toBe(true);
    expect(store.highSeq).toBe(10);
    store.applySnapshot(message(11));
    expect(store.hasSeqGap).toBe(false);
    expect(store.highSeq).toBe(12);
  });

  it('a snapshot below the loaded range is ignored (history fetches it fresh)', () => {
    const store = ConversationStore.empty(conversationState({ lastSeq: 100, lastChangeSeq: 100 }));
    store.reset(messages(51, 100), 100);
    expect(store.applySnapshot(message(20, { changeSeq: 101 }))).toBe('ignored');
    expect(store.lowSeq).toBe(51);
    expect(store.message(20)).toBeUndefined();
  });

  it('older history extends the range downwards', () => {
    const store = ConversationStore.empty(conversationState({ lastSeq: 100, lastChangeSeq: 100 }));
    store.reset(messages(51, 100), 100);
    store.beginLoadOlder();
    store.addOlder(messages(1, 50));
    store.endLoadOlder();
    expect(store.lowSeq).toBe(1);
    expect(store.highSeq).toBe(100);
    expect(store.messages()).toHaveLength(100);
  });

  it('an update that overtakes a history page is not lost', () => {
    const store = ConversationStore.empty(conversationState({ lastSeq: 100, lastChangeSeq: 100 }));
    store.reset(messages(51, 100), 100);
    store.beginLoadOlder();
    store.applySnapshot(message(40, { changeSeq: 101, body: 'edited meanwhile' }));
    store.addOlder(messages(1, 50)); // read before the edit
    store.endLoadOlder();
    expect(store.message(40)?.body).toBe('edited meanwhile');
  });

  it('ignores snapshots of other conversations', () => {
    const store = caughtUp(1);
    expect(store.applySnapshot(message(2, { conversationId: OTHER_CONVERSATION }))).toBe('ignored');
  });

  describe('reset', () => {
    it('replaces what is held with the latest page', () => {
      const store = caughtUp(5);
      store.setState(conversationState({ lastSeq: 200, lastChangeSeq: 200 }));
      store.reset(messages(151, 200), 200);
      expect(store.lowSeq).toBe(151);
      expect(store.highSeq).toBe(200);
      expect(store.message(3)).toBeUndefined();
      expect(store.cursor).toBe(200);
    });

    it('keeps snapshots newer than the page it replaces them with', () => {
      const store = caughtUp(5);
      store.applySnapshot(message(5, { changeSeq: 9, body: 'newer than the page' }));
      store.reset(messages(1, 5), 8);
      expect(store.message(5)?.body).toBe('newer than the page');
    });

    it('of an empty conversation continues at its lastSeq without a gap', () => {
      const store = ConversationStore.empty(conversationState({ lastSeq: 7, lastChangeSeq: 9 }));
      store.reset([], 9); // history removed by retention
      store.applySnapshot(message(8, { changeSeq: 10 }));
      expect(store.hasSeqGap).toBe(false);
      expect(store.lowSeq).toBe(8);
      expect(store.highSeq).toBe(8);
    });
  });

  describe('sync cursor', () => {
    it('is unknown until the first catch-up, and then tracks nothing before it', () => {
      const store = ConversationStore.empty(conversationState());
      expect(store.cursor).toBeNull();
      store.applySnapshot(message(1, { changeSeq: 7 }));
      expect(store.missingChanges).toBe(false);
    });

    it('advances with contiguous changes', () => {
      const store = caughtUp(3);
      store.applySnapshot(message(4));
      store.applySnapshot(message(2, { changeSeq: 5 }));
      expect(store.cursor).toBe(5);
      expect(store.missingChanges).toBe(false);
    });

    it('a changeSeq jump is reported as a missed change until the change between arrives', () => {
      const store = caughtUp(3);
      store.applySnapshot(message(1, { changeSeq: 5 }));
      expect(store.missingChanges).toBe(true);
      expect(store.cursor).toBe(3);
      store.applySnapshot(message(4));
      expect(store.missingChanges).toBe(false);
      expect(store.cursor).toBe(5);
    });

    it("takes the catch-up's cursor, which covers changes superseded on the server", () => {
      const store = caughtUp(3);
      store.applySnapshot(message(2, { changeSeq: 6 })); // 4 and 5 were earlier edits of it
      expect(store.missingChanges).toBe(true);
      store.applyChanges([message(2, { changeSeq: 6 })], 6);
      expect(store.missingChanges).toBe(false);
      expect(store.cursor).toBe(6);
    });

    it('never moves back when a catch-up answers with an older cursor', () => {
      const store = caughtUp(3);
      store.applySnapshot(message(4));
      store.applyChanges([], 3);
      expect(store.cursor).toBe(4);
    });
  });

  describe('state', () => {
    it('a new message moves lastSeq and lastMessageAt; an edit does not move lastMessageAt', () => {
      const store = caughtUp(2);
      store.applySnapshot(message(3));
      expect(store.state.lastSeq).toBe(3);
      expect(store.state.lastMessageAt).toBe(message(3).createdAt);
      store.applySnapshot(message(1, { changeSeq: 4 }));
      expect(store.state.lastMessageAt).toBe(message(3).createdAt);
      expect(store.state.lastChangeSeq).toBe(4);
    });

    it('a server state older than what arrived live does not move lastSeq back', () => {
      const store = caughtUp(3);
      store.setState(conversationState({ lastSeq: 2, lastChangeSeq: 2, name: 'Renamed' }));
      expect(store.state.lastSeq).toBe(3);
      expect(store.state.name).toBe('Renamed');
    });
  });

  it('restores what it stored', () => {
    const store = caughtUp(4);
    store.applySnapshot(message(6));
    const restored = ConversationStore.restore(structuredClone(store.toStored()));
    expect(restored.messages()).toEqual(store.messages());
    expect([restored.lowSeq, restored.highSeq, restored.cursor]).toEqual([1, 4, 4]);
    expect(restored.hasSeqGap).toBe(true);
    expect(restored.id).toBe(CONVERSATION);
  });
});

describe('ConversationStore state from a catch-up page', () => {
  it('never moves my read cursor back: the page may have been read before my own read or send', () => {
    const store = ConversationStore.empty(
      conversationState({ me: { role: 'member', readSeq: 4, readEpoch: 0, notificationLevel: 'all' } }),
    );
    store.setState(
      conversationState({
        lastSeq: 5,
        me: { role: 'member', readSeq: 0, readEpoch: 0, notificationLevel: 'all' },
      }),
    );
    expect(store.state.me.readSeq).toBe(4);
    expect(store.state.lastSeq).toBe(5);
    store.setState(
      conversationState({
        lastSeq: 5,
        me: { role: 'member', readSeq: 5, readEpoch: 0, notificationLevel: 'all' },
      }),
    );
    expect(store.state.me.readSeq).toBe(5);
  });
});
