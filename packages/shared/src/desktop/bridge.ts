import { z } from 'zod';
import { ChosenStatus, Id, PresenceStatus } from '../protocol/primitives.js';

/**
 * The desktop bridge: everything that crosses between the web UI (renderer) and the Electron
 * main process. The preload exposes exactly `ConfabDesktopBridge` as `window.confabDesktop`; each
 * method sends on one named channel below, and both ends parse every payload with its schema.
 */

/** `window.confabDesktop`. */
export const DESKTOP_BRIDGE_GLOBAL = 'confabDesktop';

/**
 * Bumped on any incompatible change to a method or payload; the web app ignores a bridge of
 * another version (it then behaves as in a browser). History:
 * 1 — notifications, unread count, status, servers, version, notification clicks, deep links.
 */
export const DESKTOP_BRIDGE_VERSION = 1;

export const DESKTOP_LIMITS = {
  notificationTitleMaxChars: 200,
  notificationBodyMaxChars: 1_000,
  unreadMax: 1_000_000,
  serverUrlMaxChars: 2_048,
  serverNameMaxChars: 100,
  serversMax: 20,
} as const;

// ── Payloads ────────────────────────────────────────────────────────────────────────────────

export const NotificationRequest = z.strictObject({
  title: z.string().min(1).max(DESKTOP_LIMITS.notificationTitleMaxChars),
  body: z.string().max(DESKTOP_LIMITS.notificationBodyMaxChars),
  conversationId: Id,
  messageId: Id,
});
export type NotificationRequest = z.infer<typeof NotificationRequest>;

/** What a clicked notification points at. */
export const NotificationTarget = z.strictObject({ conversationId: Id, messageId: Id });
export type NotificationTarget = z.infer<typeof NotificationTarget>;

/** Total unread messages of the conversations that aren't muted. */
export const UnreadCount = z.number().int().nonnegative().max(DESKTOP_LIMITS.unreadMax);

/** Where a `confab://` link points inside the server the window shows. */
export const DeepLinkTarget = z.strictObject({
  conversationId: Id,
  /** The message's seq in the conversation, as in the web app's message links. */
  messageSeq: z.number().int().positive().nullable(),
});
export type DeepLinkTarget = z.infer<typeof DeepLinkTarget>;

export const ServerId = Id;

/** A server the app remembers; `origin` is where its web app is served (`https://chat.example.com`). */
export const ServerEntry = z.strictObject({
  id: ServerId,
  name: z.string().min(1).max(DESKTOP_LIMITS.serverNameMaxChars),
  origin: z.url({ protocol: /^https?$/ }).max(DESKTOP_LIMITS.serverUrlMaxChars),
});
export type ServerEntry = z.infer<typeof ServerEntry>;

export const ServerList = z.strictObject({
  servers: z.array(ServerEntry).max(DESKTOP_LIMITS.serversMax),
  activeId: ServerId.nullable(),
});
export type ServerList = z.infer<typeof ServerList>;

export const AddServerRequest = z.strictObject({
  url: z.string().trim().min(1).max(DESKTOP_LIMITS.serverUrlMaxChars),
  name: z.string().trim().min(1).max(DESKTOP_LIMITS.serverNameMaxChars).optional(),
});
export type AddServerRequest = z.infer<typeof AddServerRequest>;

export const AddServerResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), server: ServerEntry, list: ServerList }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);
export type AddServerResult = z.infer<typeof AddServerResult>;

export const AppVersion = z.strictObject({
  app: z.string(),
  electron: z.string(),
  platform: z.string(),
});
export type AppVersion = z.infer<typeof AppVersion>;

const Nothing = z.undefined();

// ── Channels ────────────────────────────────────────────────────────────────────────────────

/** Renderer → main, not answered (`ipcRenderer.send` / `ipcMain.on`). */
export const DESKTOP_SENDS = {
  showNotification: { channel: 'confab:notification:show', payload: NotificationRequest },
  setUnreadCount: { channel: 'confab:unread:set', payload: UnreadCount },
  setStatus: { channel: 'confab:status:set', payload: PresenceStatus },
} as const;

/** Renderer → main, answered (`ipcRenderer.invoke` / `ipcMain.handle`). */
export const DESKTOP_INVOKES = {
  getServers: { channel: 'confab:servers:get', payload: Nothing, result: ServerList },
  addServer: { channel: 'confab:servers:add', payload: AddServerRequest, result: AddServerResult },
  removeServer: { channel: 'confab:servers:remove', payload: ServerId, result: ServerList },
  switchServer: { channel: 'confab:servers:switch', payload: ServerId, result: ServerList },
  getVersion: { channel: 'confab:version:get', payload: Nothing, result: AppVersion },
} as const;

/** Main → renderer (`webContents.send` / `ipcRenderer.on`); the bridge's `on…` methods. */
export const DESKTOP_EVENTS = {
  onNotificationClicked: { channel: 'confab:notification:clicked', payload: NotificationTarget },
  onDeepLink: { channel: 'confab:deep-link', payload: DeepLinkTarget },
  onStatusChosen: { channel: 'confab:status:chosen', payload: ChosenStatus },
} as const;

export type DesktopSend = keyof typeof DESKTOP_SENDS;
export type DesktopInvoke = keyof typeof DESKTOP_INVOKES;
export type DesktopEvent = keyof typeof DESKTOP_EVENTS;
export type DesktopMethod = DesktopSend | DesktopInvoke | DesktopEvent;

export type SendPayload<M extends DesktopSend> = z.infer<(typeof DESKTOP_SENDS)[M]['payload']>;
export type InvokePayload<M extends DesktopInvoke> = z.infer<(typeof DESKTOP_INVOKES)[M]['payload']>;
export type InvokeResult<M extends DesktopInvoke> = z.infer<(typeof DESKTOP_INVOKES)[M]['result']>;
export type EventPayload<M extends DesktopEvent> = z.infer<(typeof DESKTOP_EVENTS)[M]['payload']>;

// ── The API ─────────────────────────────────────────────────────────────────────────────────

export type Unsubscribe = () => void;

/** What the web app finds at `window.confabDesktop` when it runs inside the desktop app. */
export interface ConfabDesktopBridge {
  readonly version: typeof DESKTOP_BRIDGE_VERSION;
  /** A native notification; a newer one for the same conversation replaces it. */
  showNotification(request: NotificationRequest): void;
  /** The dock / taskbar badge and the tray's unread state. */
  setUnreadCount(count: number): void;
  /** The user's presence as the tray shows it. */
  setStatus(status: PresenceStatus): void;
  getServers(): Promise<ServerList>;
  addServer(request: AddServerRequest): Promise<AddServerResult>;
  /** Forgets the server and erases its session (cookies, storage). */
  removeServer(serverId: string): Promise<ServerList>;
  /** Opens the server in the window (a new window session: the page reloads). */
  switchServer(serverId: string): Promise<ServerList>;
  getVersion(): Promise<AppVersion>;
  onNotificationClicked(listener: (target: NotificationTarget) => void): Unsubscribe;
  onDeepLink(listener: (target: DeepLinkTarget) => void): Unsubscribe;
  /** The user chose a status in the tray menu. */
  onStatusChosen(listener: (status: ChosenStatus) => void): Unsubscribe;
}

/** Every method of the bridge; nothing else is exposed. */
export const DESKTOP_BRIDGE_METHODS = [
  ...(Object.keys(DESKTOP_SENDS) as DesktopSend[]),
  ...(Object.keys(DESKTOP_INVOKES) as DesktopInvoke[]),
  ...(Object.keys(DESKTOP_EVENTS) as DesktopEvent[]),
] as const;

/** Every IPC channel the app uses. */
export const DESKTOP_CHANNELS: readonly string[] = [
  ...Object.values(DESKTOP_SENDS),
  ...Object.values(DESKTOP_INVOKES),
  ...Object.values(DESKTOP_EVENTS),
].map((entry) => entry.channel);

// The interface and the channel tables name the same methods (a compile error otherwise).
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const methodsMatch: SameKeys<Exclude<keyof ConfabDesktopBridge, 'version'>, DesktopMethod> = true;
void methodsMatch;
