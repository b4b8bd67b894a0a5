import { describe, expect, it } from 'vitest';
import {
  unreadCounts,
  withNewerReadState,
  withOwnMessage,
  withReadState,
  withReadUpdate,
} from './read-state.js';
import { ALICE, BOB, CONVERSATION, conversationState, ME, message } from './testing/fixtures.js';

const asOf = (asOfSeq: number, count = 0, mentions = 0) => ({ count, mentions, asOfSeq });

describe('unreadCounts', () => {
  it("adds the messages held above the server's asOfSeq to the server's count", () => {
    const state = conversationState({
      me: { role: 'member', readSeq: 2, readEpoch: 0, notificationLevel: 'all' },
      unread: asOf(5, 3),
    });
    const held = [message(4), message(5), message(6), message(7)];
    expect(unreadCounts(state, held, ME)).toEqual({ count: 5, mentions: 0 });
  });

  it('does not count my own messages, system messages or deleted messages', () => {
    const state = conversationState({ unread: asOf(0) });
    const held = [
      message(1, { senderId: ME }),
      message(2, { kind: 'system', senderId: ALICE }),
      message(3, { deletedAt: '2026-01-01T00:10:00.000Z', body: '' }),
      message(4, { senderId: BOB }),
    ];
    expect(unreadCounts(state, held, ME)).toEqual({ count: 1, mentions: 0 });
  });

  it('does not count messages at or below the read cursor', () => {
    const state = conversationState({
      me: { role: 'member', readSeq: 6, readEpoch: 0, notificationLevel: 'all' },
      unread: asOf(6),
    });
    expect(unreadCounts(state, [message(5), message(6), message(7)], ME)).toEqual({ count: 1, mentions: 0 });
  });

  it('counts mentions of me and of everyone', () => {
    const state = conversationState({ unread: asOf(0, 0, 0) });
    const held = [
      message(1, { mentions: { userIds: [ME], all: false } }),
      message(2, { mentions: { userIds: [BOB], all: false } }),
      message(3, { mentions: { userIds: [], all: true } }),
    ];
    expect(unreadCounts(state, held, ME)).toEqual({ count: 3, mentions: 2 });
  });

  it('adds held mentions to the server mention count', () => {
    const state = conversationState({ unread: asOf(10, 4, 1) });
    const held = [
      message(10, { mentions: { userIds: [ME], all: false } }),
      message(11, { mentions: { userIds: [ME], all: false } }),
    ];
    expect(unreadCounts(state, held, ME)).toEqual({ count: 5, mentions: 2 });
  });

  it("drops the server's count once my read cursor has passed its asOfSeq", () => {
    const state = conversationState({
      me: { role: 'member', readSeq: 12, readEpoch: 0, notificationLevel: 'all' },
      unread: asOf(10, 4, 1),
    });
    expect(unreadCounts(state, [message(11), message(12), message(13)], ME)).toEqual({
      count: 1,
      mentions: 0,
    });
  });
});

describe('read cursor', () => {
  it('my own new message moves my read cursor forward, never back', () => {
    const state = conversationState({
      me: { role: 'member', readSeq: 5, readEpoch: 0, notificationLevel: 'all' },
    });
    expect(withOwnMessage(state, 8).me.readSeq).toBe(8);
    expect(withOwnMessage(state, 3)).toBe(state);
  });

  it('read:updated for me replaces my cursor and unread counts (also backwards: marked unread elsewhere)', () => {
    const state = conversationState({
      me: { role: 'member', readSeq: 9, readEpoch: 0, notificationLevel: 'all' },
      unread: asOf(9),
    });
    const next = withReadUpdate(
      state,
      { conversationId: CONVERSATION, userId: ME, readSeq: 4, deliveredSeq: 9, unread: asOf(9, 5) },
      ME,
    );
    expect(next.me.readSeq).toBe(4);
    expect(next.unread).toEqual(asOf(9, 5));
  });

  it('read:updated without counts keeps the counts held', () => {
    const state = conversationState({ unread: asOf(3, 2) });
    const next = withReadUpdate(
      state,
      { conversationId: CONVERSATION, userId: ME, readSeq: 1, deliveredSeq: 3 },
      ME,
    );
    expect(next.unread).toEqual(asOf(3, 2));
  });

  it('read:updated for someone else updates their receipt, or adds it', () => {
    const state = conversationState({ receipts: [{ userId: ALICE, readSeq: 1, deliveredSeq: 2 }] });
    const alice = withReadUpdate(
      state,
      { conversationId: CONVERSATION, userId: ALICE, readSeq: 3, deliveredSeq: 4 },
      ME,
    );
    expect(alice.receipts).toEqual([{ userId: ALICE, readSeq: 3, deliveredSeq: 4 }]);
    expect(alice.me).toEqual(state.me);
    const bob = withReadUpdate(
      alice,
      { conversationId: CONVERSATION, userId: BOB, readSeq: 1, deliveredSeq: 1 },
      ME,
    );
    expect(bob.receipts.map((receipt) => receipt.userId)).toEqual([ALICE, BOB]);
  });

  it('the ack of read:mark sets the cursor and counts', () => {
    const state = conversationState({ unread: asOf(4, 4) });
    const next = withReadState(state, {
      conversationId: CONVERSATION,
      readSeq: 4,
      readEpoch: 0,
      unread: asOf(4),
    });
    expect(next.me.readSeq).toBe(4);
    expect(next.unread).toEqual(asOf(4));
  });
});

describe('withNewerReadState', () => {
  const read = (readSeq: number, count: number, readEpoch = 0) =>
    conversationState({
      me: { role: 'member', readSeq, readEpoch, notificationLevel: 'all' },
      unread: asOf(8, count),
    });

  it('takes an answer whole when its cursor is not behind', () => {
    const incoming = {
      ...read(8, 0),
      me: { role: 'member' as const, readSeq: 8, readEpoch: 0, notificationLevel: 'muted' as const },
    };
    expect(withNewerReadState(read(5, 3), incoming)).toBe(incoming);
  });

  it('keeps the newer cursor and counts when the answer was read before a read:updated', () => {
    const incoming = {
      ...read(5, 3),
      me: { role: 'member' as const, readSeq: 5, readEpoch: 0, notificationLevel: 'muted' as const },
    };
    const adopted = withNewerReadState(read(8, 0), incoming);
    expect(adopted.me).toEqual({ role: 'member', readSeq: 8, readEpoch: 0, notificationLevel: 'muted' });
    expect(adopted.unread).toEqual(asOf(8, 0));
  });

  it('takes a cursor moved back by a mark-as-unread on another device while this one was away', () => {
    const markedUnreadElsewhere = read(5, 3, 1);
    expect(withNewerReadState(read(8, 0, 0), markedUnreadElsewhere)).toBe(markedUnreadElsewhere);
  });

  it('keeps a mark-as-unread this device already applied over an answer read before it', () => {
    const adopted = withNewerReadState(read(5, 3, 1), read(8, 0, 0));
    expect(adopted.me).toMatchObject({ readSeq: 5, readEpoch: 1 });
    expect(adopted.unread).toEqual(asOf(8, 3));
  });
});
