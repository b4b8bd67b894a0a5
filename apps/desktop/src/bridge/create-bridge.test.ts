import { DESKTOP_BRIDGE_METHODS, DESKTOP_CHANNELS, type ServerList } from '@confab/shared/desktop';
import { describe, expect, it } from 'vitest';
import { type BridgeIpc, createDesktopBridge } from './create-bridge.js';

const CONVERSATION = '0190f0c2-1c2b-7aaa-8bbb-123456789abc';
const MESSAGE = '0190f0c2-1c2b-7aaa-8bbb-123456789abd';
const EMPTY: ServerList = { servers: [], activeId: null };

/** Stands in for Electron's ipcRenderer: records what goes out, lets the test play main's part. */
function fakeIpc(answers: Record<string, unknown> = {}) {
  const sent: { channel: string; payload: unknown }[] = [];
  const invoked: { channel: string; payload: unknown }[] = [];
  const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
  const ipc: BridgeIpc = {
    send: (channel, payload) => void sent.push({ channel, payload }),
    invoke: async (channel, payload) => {
      invoked.push({ channel, payload });
      return answers[channel];
    },
    on: (channel, listener) => void listeners.set(channel, listener),
  };
  const fromMain = (channel: string, payload: unknown) =>
    listeners.get(channel)?.({ sender: 'ipcRenderer!' }, payload);
  return { ipc, sent, invoked, listeners, fromMain };
}

describe('the preload’s bridge', () => {
  it('exposes exactly the named methods of the contract, and its version', () => {
    const bridge = createDesktopBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual([...DESKTOP_BRIDGE_METHODS, 'version'].sort());
    expect(bridge.version).toBe(1);
    for (const method of DESKTOP_BRIDGE_METHODS) expect(typeof bridge[method]).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(bridge).not.toHaveProperty('send');
    expect(bridge).not.toHaveProperty('invoke');
  });

  it('listens on the contract’s event channels only', () => {
    const { ipc, listeners } = fakeIpc();
    createDesktopBridge(ipc);
    expect([...listeners.keys()].every((channel) => DESKTOP_CHANNELS.includes(channel))).toBe(true);
    expect([...listeners.keys()].sort()).toEqual(
      ['confab:deep-link', 'confab:notification:clicked', 'confab:status:chosen'].sort(),
    );
  });

  it('sends a notification request on its channel', () => {
    const { ipc, sent } = fakeIpc();
    const request = { title: 'Bob', body: 'lunch?', conversationId: CONVERSATION, messageId: MESSAGE };
    createDesktopBridge(ipc).showNotification(request);
    expect(sent).toEqual([{ channel: 'confab:notification:show', payload: request }]);
  });

  it('refuses bad arguments before they leave the page', () => {
    const { ipc, sent } = fakeIpc();
    const bridge = createDesktopBridge(ipc);
    expect(() => bridge.setUnreadCount(-2)).toThrow('confabDesktop.setUnreadCount: invalid');
    expect(() =>
      bridge.showNotification({ title: '', body: 'x', conversationId: CONVERSATION, messageId: MESSAGE }),
    ).toThrow('invalid title');
    expect(() => (bridge.setStatus as (status: unknown) => void)('invisible')).toThrow();
    expect(sent).toEqual([]);
  });

  it('answers calls with what main answers, checked', async () => {
    const { ipc, invoked } = fakeIpc({ 'confab:servers:get': EMPTY, 'confab:version:get': { app: '1' } });
    const bridge = createDesktopBridge(ipc);
    expect(await bridge.getServers()).toEqual(EMPTY);
    expect(invoked).toEqual([{ channel: 'confab:servers:get', payload: undefined }]);
    await expect(bridge.getVersion()).rejects.toThrow('confabDesktop.getVersion: invalid');
  });

  it('passes events to listeners without the IPC event, until they unsubscribe', () => {
    const { ipc, fromMain } = fakeIpc();
    const bridge = createDesktopBridge(ipc);
    const seen: unknown[][] = [];
    const unsubscribe = bridge.onNotificationClicked((...args) => seen.push(args));
    fromMain('confab:notification:clicked', { conversationId: CONVERSATION, messageId: MESSAGE });
    unsubscribe();
    fromMain('confab:notification:clicked', { conversationId: CONVERSATION, messageId: MESSAGE });
    expect(seen).toEqual([[{ conversationId: CONVERSATION, messageId: MESSAGE }]]);
  });

  it('drops events that break the contract', () => {
    const { ipc, fromMain } = fakeIpc();
    const seen: unknown[] = [];
    createDesktopBridge(ipc).onStatusChosen((status) => seen.push(status));
    fromMain('confab:status:chosen', 'invisible');
    fromMain('confab:status:chosen', 'dnd');
    expect(seen).toEqual(['dnd']);
  });

  it('holds a deep link that came before anyone listened', async () => {
    const { ipc, fromMain } = fakeIpc();
    const bridge = createDesktopBridge(ipc);
    fromMain('confab:deep-link', { conversationId: CONVERSATION, messageSeq: 3 });
    const seen: unknown[] = [];
    bridge.onDeepLink((target) => seen.push(target));
    await Promise.resolve();
    expect(seen).toEqual([{ conversationId: CONVERSATION, messageSeq: 3 }]);
  });

  it('keeps calling other listeners when one throws', () => {
    const { ipc, fromMain } = fakeIpc();
    const bridge = createDesktopBridge(ipc);
    const seen: string[] = [];
    const quiet = console.error;
    console.error = () => {};
    try {
      bridge.onStatusChosen(() => {
        throw new Error('broken');
      });
      bridge.onStatusChosen((status) => seen.push(status));
      fromMain('confab:status:chosen', 'away');
    } finally {
      console.error = quiet;
    }
    expect(seen).toEqual(['away']);
  });

  it('refuses a listener that is not a function', () => {
    const bridge = createDesktopBridge(fakeIpc().ipc);
    expect(() => (bridge.onDeepLink as (listener: unknown) => void)('alert(1)')).toThrow('listener function');
  });
});
