import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESKTOP_INVOKES, DESKTOP_SENDS } from '@confab/shared/desktop';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeBrowserWindow, FakeEvent, ipcEvent, recorded } from './test-support/fake-electron.js';

// main.ts against a stand-in for Electron: no Electron binary can run here, but the wiring —
// window options, guards, IPC channels, server switching, notifications, deep links — can be
// checked all the same.

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
vi.mock('electron', async () =>
  (await import('./test-support/fake-electron.js')).fakeElectronModule(appRoot),
);

const APP_PAGE = 'confab-app://app/servers.html';
const CONVERSATION = '0190f0c2-1c2b-7aaa-8bbb-123456789abc';
const MESSAGE = '0190f0c2-1c2b-7aaa-8bbb-123456789abd';

const current = (): FakeBrowserWindow => {
  const window = recorded.windows.at(-1);
  if (window === undefined) throw new Error('no window');
  return window;
};
const invoke = (channel: string, from: string, payload?: unknown) =>
  recorded.ipcHandle.get(channel)?.(ipcEvent(from), payload) as Promise<unknown>;
const send = (channel: string, from: string, payload: unknown) =>
  recorded.ipcOn.get(channel)?.(ipcEvent(from), payload);

beforeAll(async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'confab-desktop-main-'));
  process.env.CONFAB_DESKTOP_USER_DATA = folder;
  Object.assign(process, { resourcesPath: folder });
  await import('./main.js');
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(1));
});

describe('the desktop app’s main process', () => {
  it('registers its scheme, the confab:// links and exactly the bridge’s channels', () => {
    expect(recorded.privilegedSchemes).toEqual([
      { scheme: 'confab-app', privileges: { standard: true, secure: true } },
    ]);
    expect(recorded.protocolClients).toEqual([['confab']]);
    expect([...recorded.ipcOn.keys()].sort()).toEqual(
      Object.values(DESKTOP_SENDS)
        .map((e) => e.channel)
        .sort(),
    );
    expect([...recorded.ipcHandle.keys()].sort()).toEqual(
      Object.values(DESKTOP_INVOKES)
        .map((e) => e.channel)
        .sort(),
    );
  });

  it('opens the server list first, in a sandboxed, isolated window without Node', () => {
    const window = current();
    expect(window.url).toBe(APP_PAGE);
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: path.join(appRoot, 'dist/app/preload.cjs'),
    });
    expect(recorded.sessions.get('confab-app-pages')?.handledSchemes).toEqual(['confab-app']);
  });

  it('never opens a window, and sends only safe links to the system browser', () => {
    const contents = current().webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const away = new FakeEvent('https://example.org/page');
    contents.emit('will-navigate', away);
    const local = new FakeEvent('file:///etc/passwd');
    contents.emit('will-navigate', local);
    expect(away.defaultPrevented && local.defaultPrevented).toBe(true);
    expect(recorded.openedExternally).toEqual(['https://example.org/', 'https://example.org/page']);
  });

  it('adds a server from the server list page only, and switches the window to it', async () => {
    await expect(
      invoke('confab:servers:add', 'https://evil.test/', { url: 'https://evil.test' }),
    ).rejects.toThrow();
    const added = (await invoke('confab:servers:add', APP_PAGE, { url: 'http://127.0.0.1:3000' })) as {
      ok: true;
      server: { id: string };
    };
    expect(added.ok).toBe(true);
    const first = current();
    await invoke('confab:servers:switch', APP_PAGE, added.server.id);
    await vi.waitFor(() => expect(recorded.windows).toHaveLength(2));
    expect(current().url).toBe('http://127.0.0.1:3000/');
    expect(first.destroyed).toBe(true);

    const session = recorded.sessions.get(`persist:confab-server-${added.server.id}`);
    expect(current().options.webPreferences.session).toBe(session);
    let headers: unknown;
    session?.headersListener?.({ url: 'http://127.0.0.1:3000/', responseHeaders: {} }, (answer: unknown) => {
      headers = answer;
    });
    expect(headers).toMatchObject({ responseHeaders: { 'Content-Security-Policy': [expect.any(String)] } });
  });

  it('shows a notification the server page asks for, and a click focuses its conversation', () => {
    send('confab:notification:show', 'http://127.0.0.1:3000/c/1', {
      title: 'David',
      body: 'Lunch?',
      conversationId: CONVERSATION,
      messageId: MESSAGE,
    });
    const notification = recorded.notifications.at(-1);
    expect(notification?.options).toEqual({ title: 'David', body: 'Lunch?' });
    expect(notification?.shown).toBe(true);
    notification?.emit('click');
    expect(current().visible).toBe(true);
    expect(current().webContents.sent).toContainEqual({
      channel: 'confab:notification:clicked',
      payload: { conversationId: CONVERSATION, messageId: MESSAGE },
    });
  });

  it('shows the unread count on the badge and in the tray', () => {
    send('confab:unread:set', 'http://127.0.0.1:3000/', 3);
    expect(recorded.badgeCounts.at(-1)).toBe(3);
    expect(recorded.trays[0]?.tooltip).toBe('Confab — 127.0.0.1:3000 — 3 unread');
  });

  it('passes a deep link to the page that shows its server', async () => {
    const { app } = await import('./test-support/fake-electron.js');
    app.emit('second-instance', new FakeEvent(), ['confab', `confab://127.0.0.1:3000/${CONVERSATION}/5`]);
    await vi.waitFor(() =>
      expect(current().webContents.sent).toContainEqual({
        channel: 'confab:deep-link',
        payload: { conversationId: CONVERSATION, messageSeq: 5 },
      }),
    );
  });

  it('only offers to add the server of a link to a server it does not know', async () => {
    const { app } = await import('./test-support/fake-electron.js');
    app.emit('second-instance', new FakeEvent(), ['confab', `confab://other.test/${CONVERSATION}`]);
    await vi.waitFor(() => expect(current().url).toBe(`${APP_PAGE}?add=https%3A%2F%2Fother.test`));
  });

  it('hides the window to the tray when it is closed', () => {
    const close = new FakeEvent();
    current().show();
    current().emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(current().visible).toBe(false);
  });
});
