import { BrowserWindow, type Session, shell, type WebContents } from 'electron';
import { decideNavigation, decideWindowOpen } from '../links/navigation.js';
import { MIN_SIZE, type WindowState } from '../window/window-state.js';

export interface ShellWindowOptions {
  session: Session;
  /** The only origin the window may show. */
  allowedOrigin: string;
  url: string;
  preload: string;
  state: WindowState;
  show: boolean;
  onStateChange(state: WindowState): void;
  /** Closing the window hides it to the tray, unless the app is quitting. */
  isQuitting(): boolean;
}

/** Every window: sandboxed, context-isolated, no Node, same-origin policy on. */
export function createShellWindow(options: ShellWindowOptions): BrowserWindow {
  const { bounds } = options.state;
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Confab',
    backgroundColor: '#ffffff',
    webPreferences: {
      session: options.session,
      preload: options.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  });
  guardNavigation(window.webContents, options.allowedOrigin);
  if (options.state.maximized) window.maximize();
  if (options.state.fullScreen) window.setFullScreen(true);
  if (options.show) window.once('ready-to-show', () => window.show());

  const capture = (): WindowState => ({
    bounds: window.getNormalBounds(),
    maximized: window.isMaximized(),
    fullScreen: window.isFullScreen(),
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!window.isDestroyed()) options.onStateChange(capture());
    }, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('enter-full-screen', saveSoon);
  window.on('leave-full-screen', saveSoon);
  window.on('close', (event) => {
    clearTimeout(timer);
    options.onStateChange(capture());
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });

  void window.loadURL(options.url);
  return window;
}

/**
 * The window shows its origin only: `window.open` never opens a window, links elsewhere go to
 * the system browser when they are http, https or mailto, and nowhere otherwise.
 */
export function guardNavigation(contents: WebContents, allowedOrigin: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, allowedOrigin);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') void shell.openExternal(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (decideNavigation(event.url, allowedOrigin) !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
