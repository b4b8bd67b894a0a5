import type { DesktopInvoke, DesktopSend } from '@confab/shared/desktop';
import { isSameOrigin } from '../links/navigation.js';
import { APP_ORIGIN } from '../security/app-protocol.js';

/** The frame a message came from (`event.senderFrame`). */
export interface Sender {
  url: string;
  mainFrame: boolean;
}

/** The app's own server list page, or the pages of the server the window shows. */
export type SenderKind = 'app-page' | 'server';

/** Messages from a subframe or from any other origin are nobody's. */
export function senderKind(sender: Sender, activeOrigin: string | null): SenderKind | null {
  if (!sender.mainFrame) return null;
  if (isSameOrigin(sender.url, APP_ORIGIN)) return 'app-page';
  if (activeOrigin !== null && isSameOrigin(sender.url, activeOrigin)) return 'server';
  return null;
}

/**
 * Who may call what. The server list is the app's business: a server never learns which other
 * servers the user has, nor adds, removes or switches them.
 */
export const ALLOWED_SENDERS: Record<DesktopSend | DesktopInvoke, readonly SenderKind[]> = {
  showNotification: ['server'],
  setUnreadCount: ['server'],
  setStatus: ['server'],
  getServers: ['app-page'],
  addServer: ['app-page'],
  removeServer: ['app-page'],
  switchServer: ['app-page'],
  getVersion: ['app-page', 'server'],
};
