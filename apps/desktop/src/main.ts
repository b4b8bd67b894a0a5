import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PresenceStatus } from '@confab/shared';
import {
  DESKTOP_EVENTS,
  DESKTOP_INVOKES,
  DESKTOP_SENDS,
  type DesktopEvent,
  type DesktopInvoke,
  type DesktopSend,
  type EventPayload,
  type ServerEntry,
} from '@confab/shared/desktop';
import {
  app,
  type BrowserWindow,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  ipcMain,
  Notification,
  protocol,
  screen,
} from 'electron';
import { assertNever } from './assert-never.js';
import { showBadge } from './electron/badge.js';
import { appPageSession, eraseServerSession, serverSession } from './electron/sessions.js';
import { createShellTray, type ShellTray } from './electron/tray.js';
import { createShellWindow } from './electron/window.js';
import { createIpcRouter, type ShellActions } from './ipc/ipc-router.js';
import type { Sender } from './ipc/senders.js';
import {
  conversationPath,
  DEEP_LINK_SCHEME,
  deepLinkFromArgv,
  parseDeepLink,
  routeDeepLink,
} from './links/deep-link.js';
import { createLaunchQueue, startsHidden } from './links/launch.js';
import { createNotificationCenter } from './notifications/notification-center.js';
import { APP_ORIGIN, APP_SCHEME, serversPageUrl } from './security/app-protocol.js';
import { loadServerStore } from './servers/server-store.js';
import { loginItemPlan } from './settings/login-item.js';
import { loadSettings } from './settings/settings.js';
import { updatePolicy } from './settings/updates.js';
import { createJsonFile } from './storage/json-file.js';
import type { TrayAction, TrayState } from './tray/tray-menu.js';
import { restoreWindowState, type WindowState } from './window/window-state.js';

// The Electron layer: it wires the plain modules beside it to Electron and holds no rules of its own.

const log = (...parts: unknown[]) => console.log('[confab]', ...parts);

/** Tests and portable setups point the app at another profile folder. */
const userDataOverride = process.env.CONFAB_DESKTOP_USER_DATA;
if (userDataOverride) app.setPath('userData', userDataOverride);

app.enableSandbox();
app.setAppUserModelId('chat.confab.desktop');
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);

const deepLinks = createLaunchQueue<string>();
// macOS delivers links through open-url, possibly before `ready`.
app.on('open-url', (event, url) => {
  event.preventDefault();
  deepLinks.push(url);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const firstLink = deepLinkFromArgv(process.argv);
  if (firstLink !== undefined) deepLinks.push(firstLink);
  registerProtocolClient();
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[confab] start failed', error);
      app.exit(1);
    });
}

function registerProtocolClient(): void {
  // Started as `electron .` in development: the link has to start Electron with the app's folder.
  if (process.defaultApp && process.argv[1] !== undefined) {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }
}

async function start(): Promise<void> {
  const appRoot = app.getAppPath();
  const preload = path.join(appRoot, 'dist/app/preload.cjs');
  const dataDir = app.getPath('userData');
  const servers = await loadServerStore(createJsonFile(path.join(dataDir, 'servers.json')), {
    newId: randomUUID,
  });
  const settings = await loadSettings(createJsonFile(path.join(dataDir, 'settings.json')));
  const windowStateFile = createJsonFile(path.join(dataDir, 'window-state.json'));
  let windowState: WindowState = restoreWindowState(
    await windowStateFile.read(),
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );

  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });

  let window: BrowserWindow | null = null;
  /** The server the window shows; null while it shows the app's server list. */
  let shown: ServerEntry | null = null;
  const trayState: TrayState = {
    unread: 0,
    status: null,
    serverName: null,
    startAtLogin: settings.get().startAtLogin,
  };
  let tray: ShellTray | null = null;

  function refreshIndicators() {
    showBadge(window, trayState.unread);
    tray?.update(trayState);
  }

  function showWindow() {
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  function emit<M extends DesktopEvent>(method: M, payload: EventPayload<M>) {
    if (window !== null && !window.isDestroyed())
      window.webContents.send(DESKTOP_EVENTS[method].channel, payload);
  }

  const notifications = createNotificationCenter({
    create(request) {
      const notification = new Notification({ title: request.title, body: request.body });
      return {
        show: () => notification.show(),
        close: () => notification.close(),
        on: (event, listener) => {
          notification.on(event as 'click', listener);
        },
      };
    },
    onClicked(target) {
      showWindow();
      emit('onNotificationClicked', target);
    },
  });

  /**
   * A window's session (and so its server) is fixed when it is made: showing another server
   * replaces the window, at the same place.
   */
  function open(
    target: { kind: 'servers'; add?: string } | { kind: 'server'; server: ServerEntry; path: string },
    show = true,
  ) {
    const previous = window;
    notifications.clear();
    shown = target.kind === 'server' ? target.server : null;
    Object.assign(trayState, { unread: 0, status: null, serverName: shown?.name ?? null });
    window = createShellWindow({
      session: target.kind === 'server' ? serverSession(target.server) : appPageSession(appRoot),
      allowedOrigin: target.kind === 'server' ? target.server.origin : APP_ORIGIN,
      url: target.kind === 'server' ? `${target.server.origin}${target.path}` : serversPageUrl(target.add),
      preload,
      state: windowState,
      show,
      onStateChange(state) {
        windowState = state;
        void windowStateFile.write(state);
      },
      isQuitting: () => quitting,
    });
    previous?.destroy();
    refreshIndicators();
  }

  function openActiveServer(show = true) {
    const active = servers.active();
    if (active === null) open({ kind: 'servers' }, show);
    else open({ kind: 'server', server: active, path: '/' }, show);
  }

  async function handleDeepLink(raw: string) {
    const link = parseDeepLink(raw);
    if (link === null) return log('ignored a link that is not a Confab link');
    const route = routeDeepLink(link, servers);
    switch (route.kind) {
      case 'open':
        if (shown?.id === route.server.id) {
          emit('onDeepLink', route.target);
        } else {
          await servers.setActive(route.server.id);
          open({ kind: 'server', server: route.server, path: conversationPath(route.target) });
        }
        break;
      case 'unknown-server':
        open({ kind: 'servers', add: route.origin });
        break;
      default:
        assertNever(route);
    }
    showWindow();
  }

  async function applyStartAtLogin(enabled: boolean) {
    if (!app.isPackaged) return log('start at login applies to installed builds only');
    const plan = loginItemPlan(enabled, {
      platform: process.platform,
      execPath: process.execPath,
      appImage: process.env.APPIMAGE,
      home: app.getPath('home'),
      xdgConfigHome: process.env.XDG_CONFIG_HOME,
    });
    switch (plan.kind) {
      case 'login-item':
        app.setLoginItemSettings(plan.settings);
        break;
      case 'autostart-file':
        if (plan.contents === null) {
          await rm(plan.file, { force: true });
        } else {
          await mkdir(path.dirname(plan.file), { recursive: true });
          await writeFile(plan.file, plan.contents);
        }
        break;
      default:
        assertNever(plan);
    }
  }

  function onTrayAction(action: TrayAction) {
    switch (action.kind) {
      case 'open':
        return showWindow();
      case 'choose-status':
        return emit('onStatusChosen', action.status);
      case 'servers':
        open({ kind: 'servers' });
        return showWindow();
      case 'toggle-start-at-login': {
        const enabled = !settings.get().startAtLogin;
        trayState.startAtLogin = enabled;
        tray?.update(trayState);
        void settings.update({ startAtLogin: enabled }).then(() => applyStartAtLogin(enabled));
        return;
      }
      case 'quit':
        quitting = true;
        return app.quit();
      default:
        return assertNever(action);
    }
  }

  const actions: ShellActions = {
    showNotification(request) {
      if (Notification.isSupported()) notifications.show(request);
    },
    setUnreadCount(count) {
      trayState.unread = count;
      refreshIndicators();
    },
    setStatus(status: PresenceStatus) {
      trayState.status = status;
      tray?.update(trayState);
    },
    getServers: () => servers.list(),
    addServer: (request) => servers.add(request.url, request.name),
    async removeServer(serverId) {
      const list = await servers.remove(serverId);
      await eraseServerSession(serverId);
      return list;
    },
    async switchServer(serverId) {
      const list = await servers.setActive(serverId);
      const server = servers.get(serverId);
      // After the answer has gone back to the page that asked: this replaces its window.
      if (server !== undefined) setImmediate(() => open({ kind: 'server', server, path: '/' }));
      return list;
    },
    getVersion: () => ({
      app: app.getVersion(),
      electron: process.versions.electron ?? '',
      platform: process.platform,
    }),
  };

  const router = createIpcRouter(actions, {
    activeOrigin: () => shown?.origin ?? null,
    onRefused: (refusal) => log('refused', refusal.method, 'from', refusal.senderUrl, `(${refusal.reason})`),
  });
  const senderOf = (event: IpcMainEvent | IpcMainInvokeEvent): Sender => ({
    url: event.senderFrame?.url ?? '',
    mainFrame: event.senderFrame !== null && event.senderFrame.parent === null,
  });
  for (const method of Object.keys(DESKTOP_SENDS) as DesktopSend[]) {
    ipcMain.on(DESKTOP_SENDS[method].channel, (event, payload) =>
      router.send(method, senderOf(event), payload),
    );
  }
  for (const method of Object.keys(DESKTOP_INVOKES) as DesktopInvoke[]) {
    ipcMain.handle(DESKTOP_INVOKES[method].channel, (event, payload) =>
      router.invoke(method, senderOf(event), payload),
    );
  }

  // A safety net under every web contents, whichever made it.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('second-instance', (_event, argv) => {
    showWindow();
    const link = deepLinkFromArgv(argv);
    if (link !== undefined) deepLinks.push(link);
  });
  app.on('activate', showWindow);

  const policy = updatePolicy(settings.get(), {
    isPackaged: app.isPackaged,
    hasUpdateFeed: existsSync(path.join(process.resourcesPath, 'app-update.yml')),
    platform: process.platform,
    isAppImage: Boolean(process.env.APPIMAGE),
  });
  log(
    policy.enabled
      ? 'auto-update: on (no updater is bundled in this build)'
      : `auto-update: off, ${policy.reason}`,
  );

  tray = createShellTray(path.join(appRoot, 'static/icons'), trayState, onTrayAction);
  openActiveServer(!startsHidden(process.argv, app.getLoginItemSettings().wasOpenedAtLogin));
  if (settings.get().startAtLogin) void applyStartAtLogin(true);
  deepLinks.ready((link) => {
    handleDeepLink(link).catch((error: unknown) => log('could not open a link', error));
  });
}
