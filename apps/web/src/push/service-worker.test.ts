import { describe, expect, it } from 'vitest';
import source from '../../public/sw.js?raw';

const ORIGIN = 'https://chat.example';
const CONVERSATION = '0190f0c2-1c2b-7aaa-8bbb-123456789abc';
const OTHER = '0190f0c2-1c2b-7aaa-8bbb-cccccccccccc';

interface FakeNotification {
  title: string;
  options: { body?: string; tag?: string; data?: { conversationId?: string; seq?: number; url?: string } };
  closed: boolean;
  close(): void;
}

interface FakeWindow {
  url: string;
  focused: boolean;
  messages: unknown[];
  focus(): Promise<FakeWindow>;
  postMessage(message: unknown): void;
}

/** Runs public/sw.js against a fake ServiceWorkerGlobalScope and dispatches events to it. */
function loadServiceWorker(windows: FakeWindow[] = []) {
  const listeners = new Map<string, (event: unknown) => void>();
  const shown: FakeNotification[] = [];
  const opened: string[] = [];
  const self = {
    location: { origin: ORIGIN },
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    skipWaiting: () => Promise.resolve(),
    registration: {
      async showNotification(title: string, options: FakeNotification['options']) {
        const notification: FakeNotification = {
          title,
          options,
          closed: false,
          close() {
            notification.closed = true;
          },
        };
        shown.push(notification);
      },
      getNotifications: async () =>
        shown.filter((n) => !n.closed).map((n) => ({ data: n.options.data, close: () => n.close() })),
    },
    clients: {
      claim: () => Promise.resolve(),
      matchAll: async () => windows,
      openWindow: async (url: string) => {
        opened.push(url);
        return null;
      },
    },
  };
  new Function('self', source)(self);

  async function dispatch(type: string, event: Record<string, unknown>) {
    const pending: Promise<unknown>[] = [];
    listeners.get(type)?.({ ...event, waitUntil: (promise: Promise<unknown>) => pending.push(promise) });
    await Promise.all(pending);
  }
  return {
    shown,
    opened,
    push: (payload: unknown) => dispatch('push', { data: { json: () => payload } }),
    click: (notification: FakeNotification) =>
      dispatch('notificationclick', {
        notification: { data: notification.options.data, close: () => notification.close() },
      }),
    pageMessage: (data: unknown) => dispatch('message', { data }),
  };
}

const message = (conversationId: string, seq: number) => ({
  type: 'message',
  conversationId,
  messageId: '0190f0c2-1c2b-7aaa-8bbb-000000000001',
  seq,
  title: 'Alice',
  body: 'Lunch?',
  tag: `conversation:${conversationId}`,
  count: 1,
});

function fakeWindow(path: string, focused: boolean): FakeWindow {
  const window: FakeWindow = {
    url: `${ORIGIN}${path}`,
    focused,
    messages: [],
    focus: async () => window,
    postMessage: (m) => window.messages.push(m),
  };
  return window;
}

describe('service worker', () => {
  it('shows a message notification, tagged by conversation', async () => {
    const sw = loadServiceWorker();
    await sw.push(message(CONVERSATION, 7));
    expect(sw.shown).toHaveLength(1);
    expect(sw.shown[0]).toMatchObject({
      title: 'Alice',
      options: {
        body: 'Lunch?',
        tag: `conversation:${CONVERSATION}`,
        data: { conversationId: CONVERSATION, seq: 7, url: `/c/${CONVERSATION}?m=7` },
      },
    });
  });

  it('shows nothing when a focused window already shows the conversation', async () => {
    const sw = loadServiceWorker([fakeWindow(`/c/${CONVERSATION}`, true)]);
    await sw.push(message(CONVERSATION, 7));
    expect(sw.shown).toEqual([]);
  });

  it('closes a conversation’s notifications up to the read cursor, on a read push or a page message', async () => {
    const sw = loadServiceWorker();
    await sw.push(message(CONVERSATION, 3));
    await sw.push(message(OTHER, 4));
    await sw.push({ type: 'read', conversationId: CONVERSATION, readSeq: 2, tag: 'x' });
    expect(sw.shown.map((n) => n.closed)).toEqual([false, false]);
    await sw.push({ type: 'read', conversationId: CONVERSATION, readSeq: 3, tag: 'x' });
    expect(sw.shown.map((n) => n.closed)).toEqual([true, false]);
    await sw.pageMessage({ type: 'confab:read', conversationId: OTHER, readSeq: 9 });
    expect(sw.shown.map((n) => n.closed)).toEqual([true, true]);
  });

  it('opens the app at the conversation when clicked, or tells an open window to go there', async () => {
    const closed = loadServiceWorker();
    await closed.push(message(CONVERSATION, 7));
    await closed.click(closed.shown[0]!);
    expect(closed.opened).toEqual([`/c/${CONVERSATION}?m=7`]);

    const open = fakeWindow('/', false);
    const running = loadServiceWorker([open]);
    await running.push(message(CONVERSATION, 7));
    await running.click(running.shown[0]!);
    expect(running.opened).toEqual([]);
    expect(open.messages).toEqual([
      {
        type: 'confab:open-conversation',
        conversationId: CONVERSATION,
        seq: 7,
        url: `/c/${CONVERSATION}?m=7`,
      },
    ]);
  });

  it('shows a summary that opens the app', async () => {
    const sw = loadServiceWorker();
    await sw.push({
      type: 'summary',
      conversationIds: [],
      title: 'Confab',
      body: '9 new messages',
      tag: 'summary',
      count: 9,
    });
    await sw.click(sw.shown[0]!);
    expect(sw.opened).toEqual(['/']);
  });
});
