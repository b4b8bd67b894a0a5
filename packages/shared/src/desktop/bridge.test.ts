import { describe, expect, it } from 'vitest';
import {
  AddServerRequest,
  AddServerResult,
  DESKTOP_BRIDGE_METHODS,
  DESKTOP_CHANNELS,
  DESKTOP_EVENTS,
  DESKTOP_INVOKES,
  DESKTOP_SENDS,
  DeepLinkTarget,
  NotificationRequest,
  ServerEntry,
  ServerList,
  UnreadCount,
} from './bridge.js';

const CONVERSATION = '0190f0c2-1c2b-7aaa-8bbb-123456789abc';
const MESSAGE = '0190f0c2-1c2b-7aaa-8bbb-123456789abd';
const SERVER = '6f1c1f8e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';

describe('the desktop bridge contract', () => {
  it('names every method once, each on its own channel', () => {
    expect(new Set(DESKTOP_BRIDGE_METHODS).size).toBe(DESKTOP_BRIDGE_METHODS.length);
    expect(new Set(DESKTOP_CHANNELS).size).toBe(DESKTOP_CHANNELS.length);
    expect(DESKTOP_CHANNELS.every((channel) => channel.startsWith('confab:'))).toBe(true);
    expect([...DESKTOP_BRIDGE_METHODS].sort()).toEqual(
      [
        'addServer',
        'getServers',
        'getVersion',
        'onDeepLink',
        'onNotificationClicked',
        'onStatusChosen',
        'removeServer',
        'setStatus',
        'setUnreadCount',
        'showNotification',
        'switchServer',
      ].sort(),
    );
  });

  it('gives every channel a payload schema, and every answered one a result schema', () => {
    for (const entry of [
      ...Object.values(DESKTOP_SENDS),
      ...Object.values(DESKTOP_INVOKES),
      ...Object.values(DESKTOP_EVENTS),
    ]) {
      expect(typeof entry.payload.safeParse).toBe('function');
    }
    for (const entry of Object.values(DESKTOP_INVOKES))
      expect(typeof entry.result.safeParse).toBe('function');
  });
});

describe('notification requests', () => {
  const valid = { title: 'Bob', body: 'lunch?', conversationId: CONVERSATION, messageId: MESSAGE };

  it('accepts a title, a body and the message it is about', () => {
    expect(NotificationRequest.parse(valid)).toEqual(valid);
    expect(NotificationRequest.safeParse({ ...valid, body: '' }).success).toBe(true);
  });

  it('refuses an empty or huge title, a huge body, bad ids and unknown fields', () => {
    for (const bad of [
      { ...valid, title: '' },
      { ...valid, title: 'x'.repeat(201) },
      { ...valid, body: 'x'.repeat(1_001) },
      { ...valid, conversationId: 'general' },
      { ...valid, messageId: undefined },
      { ...valid, icon: 'file:///etc/passwd' },
      'Bob: lunch?',
      null,
    ]) {
      expect(NotificationRequest.safeParse(bad).success).toBe(false);
    }
  });
});

describe('unread counts', () => {
  it('are whole numbers from zero', () => {
    expect(UnreadCount.safeParse(0).success).toBe(true);
    expect(UnreadCount.safeParse(120).success).toBe(true);
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null]) {
      expect(UnreadCount.safeParse(bad).success).toBe(false);
    }
  });
});

describe('deep-link targets', () => {
  it('point at a conversation and maybe a message seq', () => {
    expect(DeepLinkTarget.safeParse({ conversationId: CONVERSATION, messageSeq: 12 }).success).toBe(true);
    expect(DeepLinkTarget.safeParse({ conversationId: CONVERSATION, messageSeq: null }).success).toBe(true);
    expect(DeepLinkTarget.safeParse({ conversationId: CONVERSATION, messageSeq: 0 }).success).toBe(false);
    expect(DeepLinkTarget.safeParse({ conversationId: '../../x', messageSeq: null }).success).toBe(false);
  });
});

describe('servers', () => {
  const server = { id: SERVER, name: 'Acme', origin: 'https://chat.acme.test' };

  it('accept http and https origins only', () => {
    expect(ServerEntry.safeParse(server).success).toBe(true);
    expect(ServerEntry.safeParse({ ...server, origin: 'http://127.0.0.1:3000' }).success).toBe(true);
    for (const origin of ['file:///etc', 'javascript:alert(1)', 'confab://x', 'chat.acme.test']) {
      expect(ServerEntry.safeParse({ ...server, origin }).success).toBe(false);
    }
  });

  it('lists the servers and the active one', () => {
    expect(ServerList.safeParse({ servers: [server], activeId: SERVER }).success).toBe(true);
    expect(ServerList.safeParse({ servers: [], activeId: null }).success).toBe(true);
    expect(ServerList.safeParse({ servers: Array(21).fill(server), activeId: null }).success).toBe(false);
  });

  it('take a URL to add, trimmed', () => {
    expect(AddServerRequest.parse({ url: '  https://chat.acme.test ' })).toEqual({
      url: 'https://chat.acme.test',
    });
    expect(AddServerRequest.safeParse({ url: '   ' }).success).toBe(false);
    expect(AddServerRequest.safeParse({ url: 'x'.repeat(2_049) }).success).toBe(false);
  });

  it('answer an addition with the server or an error', () => {
    const list = { servers: [server], activeId: null };
    expect(AddServerResult.safeParse({ ok: true, server, list }).success).toBe(true);
    expect(AddServerResult.safeParse({ ok: false, error: 'not a Confab server' }).success).toBe(true);
    expect(AddServerResult.safeParse({ ok: true, error: 'both' }).success).toBe(false);
  });
});
