import type { PresenceStatus } from '@confab/shared';
import type { ConfabClient } from '@confab/shared/client';
import type { ConfabDesktopBridge } from '@confab/shared/desktop';
import { useEffect, useMemo, useRef } from 'react';
import { findDesktopBridge } from './desktop-bridge.js';
import { createNewMessageWatcher, unreadTotal } from './new-messages.js';
import { notificationFor } from './notification-text.js';

/** What the integration reads from the sync engine. */
export type DesktopClient = Pick<
  ConfabClient,
  | 'conversations'
  | 'conversation'
  | 'subscribe'
  | 'whenSynced'
  | 'presence'
  | 'subscribePresence'
  | 'unsubscribePresence'
  | 'setStatus'
>;

export interface DesktopIntegrationOptions {
  /** The signed-in user: their own messages never notify. */
  userId: string;
  /** Shows a conversation (a notification clicked, a deep link): the web app's `navigate`. */
  openConversation(target: { conversationId: string; messageSeq: number | null }): void;
  /** The conversation on screen: no notification for it while the window has focus. */
  activeConversationId?: string | null;
  /** Names for notification titles. */
  directory?: { user(userId: string): { displayName: string } | undefined };
  /** By default the bridge the desktop app exposes (`window.confabDesktop`). */
  bridge?: ConfabDesktopBridge | null;
}

/**
 * Inside the desktop app: native notifications for new messages from others in conversations
 * that aren't muted (mentions only where the level says so, none in do-not-disturb), the
 * unread badge from the engine's counts, the user's status in the tray and the tray's status
 * choices back, and notification clicks and deep links opening their conversation. In a browser
 * it does nothing. Returns whether it runs in the desktop app.
 */
export function useDesktopIntegration(client: DesktopClient, options: DesktopIntegrationOptions): boolean {
  const bridge = useMemo(
    () => (options.bridge !== undefined ? options.bridge : findDesktopBridge()),
    [options.bridge],
  );
  const latest = useRef(options);
  latest.current = options;
  const { userId } = options;

  useEffect(() => {
    if (bridge === null) return;
    const watcher = createNewMessageWatcher(userId);
    let announce = false;
    let badge = -1;
    const update = () => {
      const unread = unreadTotal(client);
      if (unread !== badge) {
        badge = unread;
        bridge.setUnreadCount(unread);
      }
      const fresh = watcher.collect(client, announce);
      if (fresh.length === 0 || client.presence(userId)?.status === 'dnd') return;
      const { activeConversationId, directory } = latest.current;
      for (const { message, conversation } of fresh) {
        if (conversation.id === activeConversationId && document.hasFocus()) continue;
        const sender = directory?.user(message.senderId)?.displayName ?? 'Someone';
        bridge.showNotification(notificationFor(message, conversation, sender));
      }
    };
    update();
    const unsubscribe = client.subscribe(update);
    let mounted = true;
    // What the device loads and catches up on at start is news to nobody: only later messages notify.
    client.whenSynced().then(
      () => {
        if (!mounted) return;
        watcher.collect(client, false);
        announce = true;
      },
      () => {},
    );
    return () => {
      mounted = false;
      unsubscribe();
      bridge.setUnreadCount(0);
    };
  }, [bridge, client, userId]);

  useEffect(() => {
    if (bridge === null) return;
    let reported: PresenceStatus | undefined;
    const report = () => {
      const status = client.presence(userId)?.status;
      if (status === undefined || status === reported) return;
      reported = status;
      bridge.setStatus(status);
    };
    client.subscribePresence([userId]);
    report();
    const unsubscribe = client.subscribe(report);
    const offChosen = bridge.onStatusChosen((status) => {
      client.setStatus(status).catch(() => {});
    });
    return () => {
      unsubscribe();
      offChosen();
      client.unsubscribePresence([userId]);
    };
  }, [bridge, client, userId]);

  useEffect(() => {
    if (bridge === null) return;
    const offClicked = bridge.onNotificationClicked(({ conversationId }) =>
      latest.current.openConversation({ conversationId, messageSeq: null }),
    );
    const offDeepLink = bridge.onDeepLink((target) => latest.current.openConversation(target));
    return () => {
      offClicked();
      offDeepLink();
    };
  }, [bridge]);

  return bridge !== null;
}
