import type { ConversationState, Message, NotificationLevel } from '@confab/shared';
import type { ConversationView } from '@confab/shared/client';
import { describe, expect, it } from 'vitest';
import { createNewMessageWatcher, unreadTotal } from './new-messages.js';
import { notificationFor } from './notification-text.js';

const KEVIN = '00000000-0000-4000-8000-00000000000a';
const DAVID = '00000000-0000-4000-8000-00000000000b';
const GENERAL = '00000000-0000-4000-8000-0000000000c1';
const LUNCH = '00000000-0000-4000-8000-0000000000c2';

function state(
  id: string,
  options: Partial<ConversationState> & { level?: NotificationLevel; readSeq?: number },
) {
  const { level = 'all', readSeq = 0, ...rest } = options;
  return {
    id,
    kind: 'channel',
    name: 'general',
    topic: null,
    lastSeq: 0,
    lastChangeSeq: 0,
    lastMessageAt: '2026-11-23T10:00:00.000Z',
    memberCount: 2,
    peerId: null,
    me: { role: 'member', readSeq, readEpoch: 0, notificationLevel: level },
    unread: { count: 0, mentions: 0, asOfSeq: 0 },
    receipts: [],
    ...rest,
  } satisfies ConversationState;
}

function message(conversationId: string, seq: number, senderId: string, body = `message ${seq}`): Message {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(8, '0')}${conversationId.slice(-4)}`,
    conversationId,
    seq,
    changeSeq: seq,
    senderId,
    clientId: `00000000-0000-4000-9000-${String(seq).padStart(12, '0')}`,
    kind: 'user',
    body,
    systemEvent: null,
    replyTo: null,
    mentions: { userIds: [], all: false },
    reactions: [],
    createdAt: '2026-11-23T10:00:00.000Z',
    editedAt: null,
    deletedAt: null,
  };
}

/** The engine's read side, as the watcher sees it. */
function fakeClient() {
  const conversations = new Map<string, { state: ConversationState; messages: Message[]; unread: number }>();
  return {
    put(conversation: ConversationState, messages: Message[] = [], unread = 0) {
      conversations.set(conversation.id, { state: conversation, messages, unread });
    },
    receive(conversationId: string, ...messages: Message[]) {
      const entry = conversations.get(conversationId)!;
      entry.messages = [...entry.messages, ...messages];
      entry.unread += messages.filter((m) => m.senderId !== KEVIN).length;
    },
    conversations: () => [...conversations.values()].map((entry) => entry.state),
    conversation: (id: string): ConversationView | undefined => {
      const entry = conversations.get(id);
      if (entry === undefined) return undefined;
      return {
        state: entry.state,
        messages: entry.messages,
        pending: [],
        typingUserIds: [],
        unread: { count: entry.unread, mentions: 0 },
      };
    },
  };
}

describe('new messages worth a notification', () => {
  it('are nothing of what the device held before it was told to announce', () => {
    const client = fakeClient();
    client.put(state(GENERAL, { readSeq: 1 }), [message(GENERAL, 1, DAVID), message(GENERAL, 2, DAVID)]);
    const watcher = createNewMessageWatcher(KEVIN);
    expect(watcher.collect(client, false)).toEqual([]);
    expect(watcher.collect(client, true)).toEqual([]);
  });

  it('are the newest message from someone else, once', () => {
    const client = fakeClient();
    client.put(state(GENERAL, {}), [message(GENERAL, 1, DAVID)]);
    const watcher = createNewMessageWatcher(KEVIN);
    watcher.collect(client, false);
    client.receive(GENERAL, message(GENERAL, 2, DAVID), message(GENERAL, 3, DAVID, 'lunch?'));
    const found = watcher.collect(client, true);
    expect(found.map(({ message }) => message.body)).toEqual(['lunch?']);
    expect(watcher.collect(client, true)).toEqual([]);
  });

  it('leave out my own messages, deleted ones and system messages', () => {
    const client = fakeClient();
    client.put(state(GENERAL, {}));
    const watcher = createNewMessageWatcher(KEVIN);
    watcher.collect(client, false);
    client.receive(GENERAL, message(GENERAL, 1, KEVIN));
    client.receive(GENERAL, {
      ...message(GENERAL, 2, DAVID),
      deletedAt: '2026-11-23T10:01:00.000Z',
      body: '',
    });
    client.receive(GENERAL, { ...message(GENERAL, 3, DAVID), kind: 'system' });
    expect(watcher.collect(client, true)).toEqual([]);
  });

  it('respect muted and mentions-only conversations', () => {
    const client = fakeClient();
    client.put(state(GENERAL, { level: 'muted' }));
    client.put(state(LUNCH, { level: 'mentions', kind: 'group', name: 'Lunch' }));
    const watcher = createNewMessageWatcher(KEVIN);
    watcher.collect(client, false);
    client.receive(GENERAL, message(GENERAL, 1, DAVID));
    client.receive(LUNCH, message(LUNCH, 1, DAVID, 'anyone?'));
    expect(watcher.collect(client, true)).toEqual([]);
    client.receive(LUNCH, {
      ...message(LUNCH, 2, DAVID, '@kevin pizza?'),
      mentions: { userIds: [KEVIN], all: false },
    });
    expect(watcher.collect(client, true).map(({ message }) => message.body)).toEqual(['@kevin pizza?']);
  });

  it('include the unread messages of a conversation new to the device', () => {
    const client = fakeClient();
    const watcher = createNewMessageWatcher(KEVIN);
    watcher.collect(client, false);
    client.put(state(LUNCH, { kind: 'direct', name: null, peerId: DAVID }), [
      message(LUNCH, 1, DAVID, 'hi Kevin'),
    ]);
    expect(watcher.collect(client, true).map(({ message }) => message.body)).toEqual(['hi Kevin']);
  });

  it('skip what I already read on another device', () => {
    const client = fakeClient();
    const watcher = createNewMessageWatcher(KEVIN);
    watcher.collect(client, false);
    client.put(state(LUNCH, { readSeq: 1 }), [message(LUNCH, 1, DAVID)]);
    expect(watcher.collect(client, true)).toEqual([]);
  });
});

describe('the unread total', () => {
  it('adds up the conversations that are not muted', () => {
    const client = fakeClient();
    client.put(state(GENERAL, {}), [], 3);
    client.put(state(LUNCH, {}), [], 4);
    client.put(state('00000000-0000-4000-8000-0000000000c3', { level: 'muted' }), [], 50);
    expect(unreadTotal(client)).toBe(7);
  });
});

describe('a notification’s text', () => {
  it('names the sender, and the conversation unless it is direct', () => {
    const direct = state(LUNCH, { kind: 'direct', name: null, peerId: DAVID });
    expect(notificationFor(message(LUNCH, 1, DAVID, 'hi'), direct, 'David')).toEqual({
      title: 'David',
      body: 'hi',
      conversationId: LUNCH,
      messageId: message(LUNCH, 1, DAVID).id,
    });
    expect(notificationFor(message(GENERAL, 1, DAVID), state(GENERAL, {}), 'David').title).toBe(
      'David in # general',
    );
    const group = state(LUNCH, { kind: 'group', name: 'Lunch crew' });
    expect(notificationFor(message(LUNCH, 1, DAVID), group, '').title).toBe('Someone in Lunch crew');
  });

  it('shortens a long message to one line', () => {
    const long = `${'word '.repeat(100)}\n\nend`;
    const { body } = notificationFor(message(GENERAL, 1, DAVID, long), state(GENERAL, {}), 'David');
    expect(body).toHaveLength(300);
    expect(body.endsWith('…')).toBe(true);
    expect(body).not.toContain('\n');
  });
});
