// A stand-in for the parts of Electron that main.ts uses, recording what the app does with them,
// so that the wiring can be checked in Node where no Electron binary exists.

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault() {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends Emitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
}

export class FakeSession {
  readonly handledSchemes: string[] = [];
  permissionRequest: Listener | null = null;
  headersListener: Listener | null = null;
  cleared = false;
  constructor(readonly partition: string) {}
  readonly protocol = { handle: (scheme: string) => void this.handledSchemes.push(scheme) };
  readonly webRequest = {
    onHeadersReceived: (_filter: unknown, listener: Listener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: Listener) {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler() {}
  async clearStorageData() {
    this.cleared = true;
  }
  async clearCache() {}
}

export const recorded = {
  windows: [] as FakeBrowserWindow[],
  sessions: new Map<string, FakeSession>(),
  ipcOn: new Map<string, Listener>(),
  ipcHandle: new Map<string, Listener>(),
  privilegedSchemes: [] as unknown[],
  protocolClients: [] as unknown[][],
  notifications: [] as FakeNotification[],
  openedExternally: [] as string[],
  badgeCounts: [] as number[],
  trays: [] as { tooltip: string; menu: unknown }[],
};

export class FakeBrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  url = '';
  visible = false;
  destroyed = false;
  constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
    super();
    recorded.windows.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  static getAllWindows() {
    return recorded.windows.filter((window) => !window.destroyed);
  }
  async loadURL(url: string) {
    this.url = url;
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  restore() {}
  maximize() {}
  setFullScreen() {}
  isMinimized = () => false;
  isMaximized = () => false;
  isFullScreen = () => false;
  isDestroyed = () => this.destroyed;
  getNormalBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 });
  setOverlayIcon() {}
  destroy() {
    this.destroyed = true;
  }
}

export class FakeNotification extends Emitter {
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    recorded.notifications.push(this);
  }
  static isSupported = () => true;
  show() {
    this.shown = true;
  }
  close() {
    this.shown = false;
    this.emit('close');
  }
}

class FakeTray extends Emitter {
  readonly entry = { tooltip: '', menu: null as unknown };
  constructor() {
    super();
    recorded.trays.push(this.entry);
  }
  setImage() {}
  setToolTip(tooltip: string) {
    this.entry.tooltip = tooltip;
  }
  setContextMenu(menu: unknown) {
    this.entry.menu = menu;
  }
}

class FakeApp extends Emitter {
  readonly paths = new Map<string, string>();
  isPackaged = false;
  dock = undefined;
  constructor(readonly appPath: string) {
    super();
  }
  setPath(name: string, value: string) {
    this.paths.set(name, value);
  }
  getPath(name: string) {
    return this.paths.get(name) ?? `/tmp/confab-fake-${name}`;
  }
  getAppPath() {
    return this.appPath;
  }
  enableSandbox() {}
  setAppUserModelId() {}
  requestSingleInstanceLock() {
    return true;
  }
  setAsDefaultProtocolClient(...args: unknown[]) {
    recorded.protocolClients.push(args);
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  getLoginItemSettings() {
    return { wasOpenedAtLogin: false };
  }
  setLoginItemSettings() {}
  getVersion() {
    return '0.1.0';
  }
  setBadgeCount(count: number) {
    recorded.badgeCounts.push(count);
    return true;
  }
  quit() {}
  exit() {}
}

export const app = new FakeApp(process.cwd());

export function fakeElectronModule(appPath: string) {
  Object.assign(app, { appPath });
  const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    Notification: FakeNotification,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromPath: (file: string) => ({ file }), createFromBitmap: () => ({}) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privilegedSchemes.push(...schemes),
    },
    screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display },
    session: {
      fromPartition(partition: string) {
        const known = recorded.sessions.get(partition) ?? new FakeSession(partition);
        recorded.sessions.set(partition, known);
        return known;
      },
    },
    ipcMain: {
      on: (channel: string, listener: Listener) => void recorded.ipcOn.set(channel, listener),
      handle: (channel: string, listener: Listener) => void recorded.ipcHandle.set(channel, listener),
    },
    shell: { openExternal: async (url: string) => void recorded.openedExternally.push(url) },
  };
}

/** An IPC event from the main frame of a page at `url`. */
export function ipcEvent(url: string) {
  return { senderFrame: { url, parent: null } };
}
