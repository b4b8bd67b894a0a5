import type { NotificationRequest, NotificationTarget } from '@confab/shared/desktop';
import { describe, expect, it } from 'vitest';
import { createNotificationCenter, type NativeNotification } from './notification-center.js';

const GENERAL = '0190f0c2-1c2b-7aaa-8bbb-000000000001';
const RANDOM = '0190f0c2-1c2b-7aaa-8bbb-000000000002';
const message = (n: number) => `0190f0c2-1c2b-7aaa-8bbb-1000000000${String(n).padStart(2, '0')}`;

function fakeNotifications() {
  const made: (NativeNotification & { request: NotificationRequest; open: boolean; click(): void })[] = [];
  const clicked: NotificationTarget[] = [];
  const center = createNotificationCenter({
    create(request) {
      const listeners = new Map<string, () => void>();
      const notification = {
        request,
        open: false,
        show: () => {
          notification.open = true;
        },
        close: () => {
          notification.open = false;
          listeners.get('close')?.();
        },
        on: (event: 'click' | 'close', listener: () => void) => void listeners.set(event, listener),
        click: () => listeners.get('click')?.(),
      };
      made.push(notification);
      return notification;
    },
    onClicked: (target) => clicked.push(target),
  });
  return { center, made, clicked };
}

const request = (conversationId: string, n: number): NotificationRequest => ({
  title: 'Bob',
  body: `message ${n}`,
  conversationId,
  messageId: message(n),
});

describe('native notifications', () => {
  it('show one notification per conversation, the newest', () => {
    const { center, made } = fakeNotifications();
    center.show(request(GENERAL, 1));
    center.show(request(RANDOM, 2));
    center.show(request(GENERAL, 3));
    expect(made.filter((n) => n.open).map((n) => n.request.body)).toEqual(['message 2', 'message 3']);
  });

  it('tell which conversation and message a click was for', () => {
    const { center, made, clicked } = fakeNotifications();
    center.show(request(GENERAL, 1));
    made[0]!.click();
    expect(clicked).toEqual([{ conversationId: GENERAL, messageId: message(1) }]);
  });

  it('clear every notification at once', () => {
    const { center, made } = fakeNotifications();
    center.show(request(GENERAL, 1));
    center.show(request(RANDOM, 2));
    center.clear();
    expect(made.some((n) => n.open)).toBe(false);
  });
});
