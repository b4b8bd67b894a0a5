import type { ConversationState, Message, NotificationLevel, PresenceStatus } from '@confab/shared';
import type { ConversationView } from '@confab/shared/client';
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  type DesktopClient,
  useDesktopIntegration,
} from '../../../apps/web/src/desktop/use-desktop-integration.js';
import { KEVIN, PEOPLE } from './people.js';

// A page that mounts the web app's desktop integration over a sync engine stand-in the test
// drives through `window.harness`.

interface Held {
  state: ConversationState;
  messages: Message[];
  unread: number;
  view: ConversationView | undefined;
}

const held = new Map<string, Held>();
const listeners = new Set<() => void>();
let presence: PresenceStatus | undefined;
const statusRequests: string[] = [];
let seqCounter = 0;

const changed = () => {
  for (const listener of [...listeners]) listener();
};

const client: DesktopClient = {
  conversations: () => [...held.values()].map((entry) => entry.state),
  conversation(id) {
    const entry = held.get(id);
    if (entry === undefined) return undefined;
    entry.view ??= {
      state: entry.state,
      messages: entry.messages,
      pending: [],
      typingUserIds: [],
      unread: { count: entry.unread, mentions: 0 },
    };
    return entry.view;
  },
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  whenSynced: () => Promise.resolve(),
  presence: (userId) =>
    userId === KEVIN && presence !== undefined ? { userId, status: presence, lastSeenAt: null } : undefined,
  subscribePresence: () => {},
  unsubscribePresence: () => {},
  setStatus: async (status) => {
    statusRequests.push(status);
  },
};

function update(id: string, change: (entry: Held) => void) {
  const entry = held.get(id);
  if (entry === undefined) throw new Error(`no conversation ${id}`);
  change(entry);
  entry.view = undefined;
  changed();
}

const harness = {
  statusRequests,
  addConversation(input: {
    id: string;
    kind: ConversationState['kind'];
    name: string | null;
    level?: NotificationLevel;
  }) {
    held.set(input.id, {
      state: {
        id: input.id,
        kind: input.kind,
        name: input.name,
        topic: null,
        lastSeq: 0,
        lastChangeSeq: 0,
        lastMessageAt: new Date().toISOString(),
        memberCount: 2,
        peerId: null,
        me: { role: 'member', readSeq: 0, readEpoch: 0, notificationLevel: input.level ?? 'all' },
        unread: { count: 0, mentions: 0, asOfSeq: 0 },
        receipts: [],
      },
      messages: [],
      unread: 0,
      view: undefined,
    });
    changed();
  },
  receive(conversationId: string, input: { id: string; from: string; body: string }) {
    update(conversationId, (entry) => {
      const seq = entry.messages.length + 1;
      seqCounter++;
      entry.messages = [
        ...entry.messages,
        {
          id: input.id,
          conversationId,
          seq,
          changeSeq: seqCounter,
          senderId: input.from,
          clientId: `00000000-0000-4000-9000-${String(seqCounter).padStart(12, '0')}`,
          kind: 'user',
          body: input.body,
          systemEvent: null,
          replyTo: null,
          mentions: { userIds: [], all: false },
          reactions: [],
          createdAt: new Date().toISOString(),
          editedAt: null,
          deletedAt: null,
        },
      ];
      const readSeq = input.from === KEVIN ? seq : entry.state.me.readSeq;
      entry.state = { ...entry.state, lastSeq: seq, me: { ...entry.state.me, readSeq } };
      if (input.from !== KEVIN) entry.unread++;
    });
  },
  markRead(conversationId: string) {
    update(conversationId, (entry) => {
      entry.unread = 0;
      entry.state = { ...entry.state, me: { ...entry.state.me, readSeq: entry.state.lastSeq } };
    });
  },
  setPresence(status: PresenceStatus) {
    presence = status;
    changed();
  },
};

const directory = { user: (userId: string) => PEOPLE[userId] };

function Harness() {
  const [opened, setOpened] = useState<string[]>([]);
  const desktop = useDesktopIntegration(client, {
    userId: KEVIN,
    directory,
    activeConversationId: null,
    openConversation: ({ conversationId, messageSeq }) =>
      setOpened((list) => [
        ...list,
        messageSeq === null ? conversationId : `${conversationId}?m=${messageSeq}`,
      ]),
  });
  return createElement(
    'main',
    null,
    createElement('p', { id: 'mode' }, desktop ? 'desktop' : 'browser'),
    createElement(
      'ul',
      { id: 'opened' },
      opened.map((target, index) => createElement('li', { key: `${index}:${target}` }, target)),
    ),
  );
}

Object.assign(window, { harness });
const root = document.getElementById('root');
if (root === null) throw new Error('no #root');
createRoot(root).render(createElement(Harness));
