import type { AddServerResult, ConfabDesktopBridge, DesktopMethod, ServerList } from '@confab/shared/desktop';

export interface BridgeCall {
  method: DesktopMethod;
  args: unknown[];
}

/** What the stub leaves on the page for the test: every call, and main's side of the events. */
export interface BridgeStubHandle {
  calls: BridgeCall[];
  emit(event: 'onNotificationClicked' | 'onDeepLink' | 'onStatusChosen', payload: unknown): void;
}

export interface BridgeStubAnswers {
  servers?: ServerList;
  addServer?: AddServerResult;
}

/**
 * `window.confabDesktop` as the preload exposes it, at its typed boundary: it records every
 * call and answers with `answers`. Runs in the page through `page.addInitScript`, so it is
 * self-contained.
 */
export function installBridgeStub(answers: BridgeStubAnswers = {}): void {
  const calls: BridgeCall[] = [];
  const listeners: Record<string, ((payload: unknown) => void)[]> = {
    onNotificationClicked: [],
    onDeepLink: [],
    onStatusChosen: [],
  };
  const record = (method: DesktopMethod, args: unknown[]) => {
    calls.push({ method, args: JSON.parse(JSON.stringify(args)) });
  };
  const subscribe = (event: string) => (listener: (payload: never) => void) => {
    record(event as DesktopMethod, []);
    const list = listeners[event] ?? [];
    list.push(listener as (payload: unknown) => void);
    return () => {
      listeners[event] = (listeners[event] ?? []).filter((known) => known !== listener);
    };
  };
  const servers: ServerList = answers.servers ?? { servers: [], activeId: null };
  const bridge: ConfabDesktopBridge = {
    version: 1,
    showNotification: (request) => record('showNotification', [request]),
    setUnreadCount: (count) => record('setUnreadCount', [count]),
    setStatus: (status) => record('setStatus', [status]),
    getServers: async () => {
      record('getServers', []);
      return servers;
    },
    addServer: async (request) => {
      record('addServer', [request]);
      return answers.addServer ?? { ok: false, error: 'stub' };
    },
    removeServer: async (id) => {
      record('removeServer', [id]);
      return servers;
    },
    switchServer: async (id) => {
      record('switchServer', [id]);
      return servers;
    },
    getVersion: async () => {
      record('getVersion', []);
      return { app: '0.0.0', electron: 'stub', platform: 'linux' };
    },
    onNotificationClicked: subscribe('onNotificationClicked'),
    onDeepLink: subscribe('onDeepLink'),
    onStatusChosen: subscribe('onStatusChosen'),
  };
  const handle: BridgeStubHandle = {
    calls,
    emit(event, payload) {
      for (const listener of listeners[event] ?? []) listener(payload);
    },
  };
  Object.assign(window, { confabDesktop: Object.freeze(bridge), bridgeStub: handle });
}
