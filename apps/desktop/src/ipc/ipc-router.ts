import type { PresenceStatus } from '@confab/shared';
import {
  type AddServerRequest,
  type AddServerResult,
  type AppVersion,
  DESKTOP_INVOKES,
  DESKTOP_SENDS,
  type DesktopInvoke,
  type DesktopSend,
  type NotificationRequest,
  type ServerList,
} from '@confab/shared/desktop';
import type { z } from 'zod';
import { assertNever } from '../assert-never.js';
import { ALLOWED_SENDERS, type Sender, senderKind } from './senders.js';

/** What the main process does for the bridge's methods, on payloads already checked. */
export interface ShellActions {
  showNotification(request: NotificationRequest): void;
  setUnreadCount(count: number): void;
  setStatus(status: PresenceStatus): void;
  getServers(): ServerList;
  addServer(request: AddServerRequest): Promise<AddServerResult>;
  removeServer(serverId: string): Promise<ServerList>;
  switchServer(serverId: string): Promise<ServerList>;
  getVersion(): AppVersion;
}

export interface IpcRefusal {
  method: DesktopSend | DesktopInvoke;
  reason: 'sender' | 'payload';
  senderUrl: string;
}

export interface IpcRouter {
  /** `ipcMain.on`: a refused message is dropped (and reported). */
  send(method: DesktopSend, sender: Sender, payload: unknown): void;
  /** `ipcMain.handle`: a refused call rejects. */
  invoke(method: DesktopInvoke, sender: Sender, payload: unknown): Promise<unknown>;
}

class InvalidPayload extends Error {}

function check<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new InvalidPayload(parsed.error.message);
  return parsed.data;
}

/**
 * The one place where messages from renderers enter the main process: the sender is checked
 * against who may call the method, the payload against the bridge contract's schema, and only
 * then does the action run. The preload checks payloads too, but a compromised renderer is
 * exactly what this side must not trust.
 */
export function createIpcRouter(
  actions: ShellActions,
  deps: { activeOrigin(): string | null; onRefused(refusal: IpcRefusal): void },
): IpcRouter {
  function allowed(method: DesktopSend | DesktopInvoke, sender: Sender): boolean {
    const kind = senderKind(sender, deps.activeOrigin());
    return kind !== null && ALLOWED_SENDERS[method].includes(kind);
  }

  function dispatchSend(method: DesktopSend, payload: unknown): void {
    switch (method) {
      case 'showNotification':
        actions.showNotification(check(DESKTOP_SENDS.showNotification.payload, payload));
        break;
      case 'setUnreadCount':
        actions.setUnreadCount(check(DESKTOP_SENDS.setUnreadCount.payload, payload));
        break;
      case 'setStatus':
        actions.setStatus(check(DESKTOP_SENDS.setStatus.payload, payload));
        break;
      default:
        assertNever(method);
    }
  }

  async function dispatchInvoke(method: DesktopInvoke, payload: unknown): Promise<unknown> {
    switch (method) {
      case 'getServers':
        check(DESKTOP_INVOKES.getServers.payload, payload);
        return actions.getServers();
      case 'addServer':
        return actions.addServer(check(DESKTOP_INVOKES.addServer.payload, payload));
      case 'removeServer':
        return actions.removeServer(check(DESKTOP_INVOKES.removeServer.payload, payload));
      case 'switchServer':
        return actions.switchServer(check(DESKTOP_INVOKES.switchServer.payload, payload));
      case 'getVersion':
        check(DESKTOP_INVOKES.getVersion.payload, payload);
        return actions.getVersion();
      default:
        return assertNever(method);
    }
  }

  return {
    send(method, sender, payload) {
      if (!allowed(method, sender))
        return deps.onRefused({ method, reason: 'sender', senderUrl: sender.url });
      try {
        dispatchSend(method, payload);
      } catch (error) {
        if (!(error instanceof InvalidPayload)) throw error;
        deps.onRefused({ method, reason: 'payload', senderUrl: sender.url });
      }
    },

    async invoke(method, sender, payload) {
      if (!allowed(method, sender)) {
        deps.onRefused({ method, reason: 'sender', senderUrl: sender.url });
        throw new Error(`${method} is not available to this page`);
      }
      try {
        return await dispatchInvoke(method, payload);
      } catch (error) {
        if (!(error instanceof InvalidPayload)) throw error;
        deps.onRefused({ method, reason: 'payload', senderUrl: sender.url });
        throw new Error(`${method}: invalid request`);
      }
    },
  };
}
