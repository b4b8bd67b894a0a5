import type { ServerList } from '@confab/shared/desktop';
import { describe, expect, it, vi } from 'vitest';
import { createIpcRouter, type IpcRefusal, type ShellActions } from './ipc-router.js';
import { senderKind } from './senders.js';

const SERVER_ORIGIN = 'https://chat.acme.test';
const FROM_SERVER = { url: 'https://chat.acme.test/c/1', mainFrame: true };
const FROM_APP_PAGE = { url: 'confab-app://app/servers.html', mainFrame: true };
const FROM_ELSEWHERE = { url: 'https://evil.test/', mainFrame: true };
const FROM_SUBFRAME = { url: 'https://chat.acme.test/embed', mainFrame: false };
const CONVERSATION = '0190f0c2-1c2b-7aaa-8bbb-123456789abc';
const MESSAGE = '0190f0c2-1c2b-7aaa-8bbb-123456789abd';
const SERVER_ID = '11111111-1111-4111-8111-111111111111';
const EMPTY: ServerList = { servers: [], activeId: null };

function setup() {
  const actions = {
    showNotification: vi.fn(),
    setUnreadCount: vi.fn(),
    setStatus: vi.fn(),
    getServers: vi.fn(() => EMPTY),
    addServer: vi.fn(async () => ({ ok: false as const, error: 'no' })),
    removeServer: vi.fn(async () => EMPTY),
    switchServer: vi.fn(async () => EMPTY),
    getVersion: vi.fn(() => ({ app: '1.0.0', electron: '45.4.1', platform: 'linux' })),
  } satisfies ShellActions;
  const refusals: IpcRefusal[] = [];
  const router = createIpcRouter(actions, {
    activeOrigin: () => SERVER_ORIGIN,
    onRefused: (refusal) => refusals.push(refusal),
  });
  return { actions, refusals, router };
}

describe('messages from the server’s page', () => {
  it('show a notification with a valid request', () => {
    const { actions, router } = setup();
    const request = { title: 'Bob', body: 'lunch?', conversationId: CONVERSATION, messageId: MESSAGE };
    router.send('showNotification', FROM_SERVER, request);
    expect(actions.showNotification).toHaveBeenCalledWith(request);
  });

  it('set the unread count and the status', () => {
    const { actions, router } = setup();
    router.send('setUnreadCount', FROM_SERVER, 4);
    router.send('setStatus', FROM_SERVER, 'dnd');
    expect(actions.setUnreadCount).toHaveBeenCalledWith(4);
    expect(actions.setStatus).toHaveBeenCalledWith('dnd');
  });

  it('are dropped when the payload breaks the contract', () => {
    const { actions, refusals, router } = setup();
    router.send('showNotification', FROM_SERVER, {
      title: 'Bob',
      body: 'x',
      conversationId: '../x',
      messageId: 1,
    });
    router.send('setUnreadCount', FROM_SERVER, -1);
    router.send('setStatus', FROM_SERVER, 'invisible');
    expect(actions.showNotification).not.toHaveBeenCalled();
    expect(actions.setUnreadCount).not.toHaveBeenCalled();
    expect(actions.setStatus).not.toHaveBeenCalled();
    expect(refusals.map((refusal) => refusal.reason)).toEqual(['payload', 'payload', 'payload']);
  });

  it('may not touch the server list', async () => {
    const { actions, refusals, router } = setup();
    await expect(router.invoke('getServers', FROM_SERVER, undefined)).rejects.toThrow('not available');
    await expect(router.invoke('removeServer', FROM_SERVER, SERVER_ID)).rejects.toThrow('not available');
    expect(actions.getServers).not.toHaveBeenCalled();
    expect(actions.removeServer).not.toHaveBeenCalled();
    expect(refusals).toEqual([
      { method: 'getServers', reason: 'sender', senderUrl: FROM_SERVER.url },
      { method: 'removeServer', reason: 'sender', senderUrl: FROM_SERVER.url },
    ]);
  });
});

describe('calls from the app’s server list page', () => {
  it('manage servers', async () => {
    const { actions, router } = setup();
    expect(await router.invoke('getServers', FROM_APP_PAGE, undefined)).toEqual(EMPTY);
    await router.invoke('addServer', FROM_APP_PAGE, { url: ' chat.acme.test ' });
    expect(actions.addServer).toHaveBeenCalledWith({ url: 'chat.acme.test' });
    await router.invoke('switchServer', FROM_APP_PAGE, SERVER_ID);
    expect(actions.switchServer).toHaveBeenCalledWith(SERVER_ID);
  });

  it('are refused with a bad payload', async () => {
    const { actions, router } = setup();
    await expect(router.invoke('switchServer', FROM_APP_PAGE, 'not-an-id')).rejects.toThrow(
      'invalid request',
    );
    await expect(router.invoke('addServer', FROM_APP_PAGE, { url: 'x', admin: true })).rejects.toThrow(
      'invalid request',
    );
    expect(actions.switchServer).not.toHaveBeenCalled();
    expect(actions.addServer).not.toHaveBeenCalled();
  });

  it('may not show notifications', () => {
    const { actions, router } = setup();
    router.send('setUnreadCount', FROM_APP_PAGE, 3);
    expect(actions.setUnreadCount).not.toHaveBeenCalled();
  });
});

describe('messages from anyone else', () => {
  it('are refused: other origins and subframes', async () => {
    const { actions, router } = setup();
    router.send('setUnreadCount', FROM_ELSEWHERE, 3);
    router.send('setUnreadCount', FROM_SUBFRAME, 3);
    await expect(router.invoke('getVersion', FROM_ELSEWHERE, undefined)).rejects.toThrow();
    expect(actions.setUnreadCount).not.toHaveBeenCalled();
    expect(actions.getVersion).not.toHaveBeenCalled();
  });

  it('are nobody’s when no server is active', () => {
    expect(senderKind(FROM_SERVER, null)).toBeNull();
    expect(senderKind(FROM_APP_PAGE, null)).toBe('app-page');
  });
});
