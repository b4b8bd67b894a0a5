import type { NotificationRequest, NotificationTarget } from '@confab/shared/desktop';

/** The part of Electron's Notification the center uses. */
export interface NativeNotification {
  show(): void;
  close(): void;
  on(event: 'click' | 'close', listener: () => void): void;
}

export interface NotificationCenter {
  show(request: NotificationRequest): void;
  /** Closes every notification (switching servers, quitting). */
  clear(): void;
}

/**
 * One notification per conversation: a newer message replaces the one before, as Web Push
 * collapses them. Shown notifications stay referenced here until closed — Electron drops the
 * click handler of a notification that has been garbage-collected.
 */
export function createNotificationCenter(deps: {
  create(request: NotificationRequest): NativeNotification;
  onClicked(target: NotificationTarget): void;
}): NotificationCenter {
  const shown = new Map<string, NativeNotification>();

  function forget(conversationId: string, notification: NativeNotification) {
    if (shown.get(conversationId) === notification) shown.delete(conversationId);
  }

  return {
    show(request) {
      const { conversationId, messageId } = request;
      const previous = shown.get(conversationId);
      shown.delete(conversationId);
      previous?.close();
      const notification = deps.create(request);
      shown.set(conversationId, notification);
      notification.on('click', () => {
        forget(conversationId, notification);
        deps.onClicked({ conversationId, messageId });
      });
      notification.on('close', () => forget(conversationId, notification));
      notification.show();
    },

    clear() {
      const all = [...shown.values()];
      shown.clear();
      for (const notification of all) notification.close();
    },
  };
}
