import type { ConversationState, Message } from '../../protocol/index.js';

/** Valid (version 4) UUIDs that read as numbers in test output. */
export const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const ME = uuid(1);
export const ALICE = uuid(2);
export const BOB = uuid(3);
export const CONVERSATION = uuid(100);
export const OTHER_CONVERSATION = uuid(101);

const at = (second: number) => new Date(Date.UTC(2026, 0, 1) + second * 1_000).toISOString();

export function message(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: uuid(10_000 + seq),
    conversationId: CONVERSATION,
    seq,
    changeSeq: seq,
    senderId: ALICE,
    clientId: uuid(20_000 + seq),
    kind: 'user',
    body: `message ${seq}`,
    systemEvent: null,
    replyTo: null,
    mentions: { userIds: [], all: false },
    reactions: [],
    createdAt: at(seq),
    editedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

export function conversationState(overrides: Partial<ConversationState> = {}): ConversationState {
  return {
    id: CONVERSATION,
    kind: 'group',
    name: 'General',
    topic: null,
    lastSeq: 0,
    lastChangeSeq: 0,
    lastMessageAt: at(0),
    memberCount: 3,
    peerId: null,
    me: { role: 'member', readSeq: 0, readEpoch: 0, notificationLevel: 'all' },
    unread: { count: 0, mentions: 0, asOfSeq: 0 },
    receipts: [],
    ...overrides,
  };
}

/** Messages 1..n, each created by one change. */
export function messages(from: number, to: number, overrides: Partial<Message> = {}): Message[] {
  const list: Message[] = [];
  for (let seq = from; seq <= to; seq++) list.push(message(seq, overrides));
  return list;
}
