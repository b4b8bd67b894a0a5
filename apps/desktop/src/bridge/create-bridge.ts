import {
  type ConfabDesktopBridge,
  DESKTOP_BRIDGE_VERSION,
  DESKTOP_EVENTS,
  DESKTOP_INVOKES,
  DESKTOP_SENDS,
  type DesktopEvent,
  type DesktopInvoke,
  type DesktopSend,
  type EventPayload,
  type InvokeResult,
  type Unsubscribe,
} from '@confab/shared/desktop';
import type { z } from 'zod';

type IpcListener = (event: unknown, payload: unknown) => void;

/** The part of Electron's `ipcRenderer` the bridge uses (a fake in tests). */
export interface BridgeIpc {
  send(channel: string, payload: unknown): void;
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
}

type Entry = { channel: string; payload: z.ZodType; result?: z.ZodType };

function checked(method: string, schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new TypeError(
      `confabDesktop.${method}: invalid ${parsed.error.issues[0]?.path.join('.') || 'argument'}`,
    );
  return parsed.data;
}

/**
 * Events that come before anyone listens — a deep link or a notification click while the page
 * is still starting — are held, the latest of each, for the first listener.
 */
const HELD_EVENTS: ReadonlySet<DesktopEvent> = new Set(['onDeepLink', 'onNotificationClicked']);

function createEvent<M extends DesktopEvent>(ipc: BridgeIpc, method: M) {
  const { channel, payload: schema } = DESKTOP_EVENTS[method] as Entry;
  const listeners = new Set<{ listener: (payload: EventPayload<M>) => void }>();
  let held: { payload: EventPayload<M> } | null = null;

  const deliver = (payload: EventPayload<M>) => {
    for (const entry of [...listeners]) {
      try {
        entry.listener(payload);
      } catch (error) {
        console.error(`confabDesktop.${method} listener failed`, error);
      }
    }
  };

  // One IPC listener per channel; the event object (which reaches `ipcRenderer`) never leaves the preload.
  ipc.on(channel, (_event, payload) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return;
    const value = parsed.data as EventPayload<M>;
    if (listeners.size === 0) {
      if (HELD_EVENTS.has(method)) held = { payload: value };
      return;
    }
    deliver(value);
  });

  return (listener: (payload: EventPayload<M>) => void): Unsubscribe => {
    if (typeof listener !== 'function')
      throw new TypeError(`confabDesktop.${method}: a listener function is required`);
    const entry = { listener };
    listeners.add(entry);
    if (held !== null) {
      const { payload } = held;
      held = null;
      queueMicrotask(() => deliver(payload));
    }
    return () => {
      listeners.delete(entry);
    };
  };
}

/**
 * The API the preload exposes as `window.confabDesktop`: the named methods of the contract and
 * nothing else. Arguments are checked here so that a mistake fails in the page that made it;
 * the main process checks them again, since it cannot trust a renderer.
 */
export function createDesktopBridge(ipc: BridgeIpc): ConfabDesktopBridge {
  const send = (method: DesktopSend, payload: unknown) => {
    const { channel, payload: schema } = DESKTOP_SENDS[method] as Entry;
    ipc.send(channel, checked(method, schema, payload));
  };

  const invoke = async <M extends DesktopInvoke>(method: M, payload: unknown): Promise<InvokeResult<M>> => {
    const { channel, payload: schema, result } = DESKTOP_INVOKES[method] as Required<Entry>;
    const answer = await ipc.invoke(channel, checked(method, schema, payload));
    return checked(method, result, answer) as InvokeResult<M>;
  };

  const bridge: ConfabDesktopBridge = {
    version: DESKTOP_BRIDGE_VERSION,
    showNotification: (request) => send('showNotification', request),
    setUnreadCount: (count) => send('setUnreadCount', count),
    setStatus: (status) => send('setStatus', status),
    getServers: () => invoke('getServers', undefined),
    addServer: (request) => invoke('addServer', request),
    removeServer: (serverId) => invoke('removeServer', serverId),
    switchServer: (serverId) => invoke('switchServer', serverId),
    getVersion: () => invoke('getVersion', undefined),
    onNotificationClicked: createEvent(ipc, 'onNotificationClicked'),
    onDeepLink: createEvent(ipc, 'onDeepLink'),
    onStatusChosen: createEvent(ipc, 'onStatusChosen'),
  };
  return Object.freeze(bridge);
}
