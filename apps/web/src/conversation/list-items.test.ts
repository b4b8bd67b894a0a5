import type { Message } from '@confab/shared';
import type { OutboxEntry } from '@confab/shared/client';
import { describe, expect, it } from 'vitest';
import { buildListItems, firstUnreadSeq } from './list-items';

const ME = 'me';
const ANA = 'ana';
const at = (minute: number) => new Date(Date.UTC(2026, 2, 10, 9, minute)).toISOString();

function message(seq: number, senderId: string, minute = seq): Message {
  return {
    id: `id-${seq}`,
    conversationId: 'c',
    seq,
    changeSeq: seq,
    senderId,
    clientId: `client-${seq}`,
    kind: 'user',
    body: `message ${seq}`,
    systemEvent: null,
    replyTo: null,
    mentions: { userIds: [], all: false },
    reactions: [],
    createdAt: at(minute),
    editedAt: null,
    deletedAt: null,
  };
}

const pending: OutboxEntry = {
  clientId: 'client-new',
  conversationId: 'c',
  body: 'on its way',
  replyToId: null,
  createdAt: at(30),
  state: 'pending',
};

describe('buildListItems', () => {
  const now = new Date(Date.UTC(2026, 2, 10, 12));

  it('lists the messages in seq order under their day, then the pending sends', () => {
    const items = buildListItems({
      messages: [message(1, ANA), message(2, ME)],
      pending: [pending],
      dividerSeq: null,
      atBeginning: true,
      myId: ME,
      now,
    });
    expect(items.map((item) => item.kind)).toEqual(['start', 'message', 'message', 'pending']);
    expect(items[1]).toMatchObject({ day: 'Today' });
    expect(items[2]).toMatchObject({ day: null });
  });

  it('puts the "new messages" divider before the first unread message', () => {
    const items = buildListItems({
      messages: [message(1, ANA), message(2, ANA), message(3, ANA)],
      pending: [],
      dividerSeq: 2,
      atBeginning: false,
      myId: ME,
      now,
    });
    const dividers = items.flatMap((item) =>
      item.kind === 'message' && item.divider ? [item.message.seq] : [],
    );
    expect(dividers).toEqual([2]);
    expect(items[1]).toMatchObject({ grouped: false });
  });

  it('shows the name once for a run of one person’s messages', () => {
    const items = buildListItems({
      messages: [message(1, ANA, 0), message(2, ANA, 1), message(3, ME, 2), message(4, ME, 20)],
      pending: [],
      dividerSeq: null,
      atBeginning: false,
      myId: ME,
      now,
    });
    const grouped = items.flatMap((item) => (item.kind === 'message' ? [item.grouped] : []));
    expect(grouped).toEqual([false, true, false, false]);
  });

  it('gives a pending send the key its message will have', () => {
    const sent = { ...message(5, ME), clientId: pending.clientId };
    const before = buildListItems({
      messages: [],
      pending: [pending],
      dividerSeq: null,
      atBeginning: false,
      myId: ME,
    });
    const after = buildListItems({
      messages: [sent],
      pending: [],
      dividerSeq: null,
      atBeginning: false,
      myId: ME,
    });
    expect(before.at(-1)?.key).toBe(after.at(-1)?.key);
  });
});

describe('firstUnreadSeq', () => {
  it('is the first message from someone else above the read cursor', () => {
    const messages = [message(1, ANA), message(2, ME), message(3, ANA)];
    expect(firstUnreadSeq(messages, 1, ME)).toBe(3);
    expect(firstUnreadSeq(messages, 3, ME)).toBeNull();
  });
});
