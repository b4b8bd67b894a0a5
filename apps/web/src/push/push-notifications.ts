import { PushSubscriptionRequest, VapidPublicKey } from '@confab/shared';
import { requestEmpty, requestJson } from '../api/http';
import { isDesktopShell } from '../desktop/desktop-bridge';
import { applicationServerKey, sameKey } from './application-server-key';

/**
 * `unsupported`: no service workers or Push API (or not a secure context). `blocked`: the person
 * refused notifications in the browser. `not-asked`: never asked. `off` / `on`: permission given,
 * and this browser is (or isn't) subscribed.
 */
export type PushStatus = 'unsupported' | 'blocked' | 'not-asked' | 'off' | 'on';

/** Where a clicked notification wants the app to go. */
export interface OpenConversation {
  conversationId: string | null;
  seq: number | null;
}

export interface PushNotifications {
  status(): Promise<PushStatus>;
  /**
   * Asks for permission if needed and subscribes this device. Call it from a click or key press
   * (browsers refuse the prompt otherwise): a settings toggle, or `askAfterFirstMessage`.
   */
  enable(): Promise<PushStatus>;
  /**
   * For the send handler: the first time this browser sends a message, asks once (never on first
   * load). Afterwards it does nothing; the settings toggle calls `enable`.
   */
  askAfterFirstMessage(): Promise<PushStatus>;
  /** At start-up when signed in: if permission was given, re-subscribes silently (new device, new key). */
  resume(): Promise<void>;
  /** Before signing out: the server forgets this device's subscription and the browser drops it. */
  disable(): Promise<void>;
  /** The app showed a conversation as read: close its notifications in this browser now. */
  conversationRead(conversationId: string, readSeq: number): void;
  /** A notification was clicked while a window was open: navigate there. Returns an unsubscribe. */
  onOpenConversation(listener: (target: OpenConversation) => void): () => void;
}

export interface PushNotificationsOptions {
  /** `SessionManager.authorized`: runs an API call with a fresh access token. */
  authorized: <T>(call: (token: string) => Promise<T>) => Promise<T>;
  serviceWorkerUrl?: string;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

const ASKED_KEY = 'confab.push.asked';
const READ_MESSAGE = 'confab:read';
const OPEN_MESSAGE = 'confab:open-conversation';

export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    !isDesktopShell() &&
    window.isSecureContext &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window
  );
}

export function createPushNotifications(options: PushNotificationsOptions): PushNotifications {
  const { authorized, serviceWorkerUrl = '/sw.js', storage = localStorage } = options;

  const registration = () => navigator.serviceWorker.getRegistration('/');

  async function subscribe(): Promise<void> {
    await navigator.serviceWorker.register(serviceWorkerUrl, { scope: '/' });
    const ready = await navigator.serviceWorker.ready;
    const { publicKey } = await authorized((token) =>
      requestJson('/api/push/vapid-public-key', VapidPublicKey, { token }),
    );
    const key = applicationServerKey(publicKey);
    let subscription = await ready.pushManager.getSubscription();
    if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await ready.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    const body = PushSubscriptionRequest.parse(subscription.toJSON());
    await authorized((token) => requestEmpty('/api/push/subscriptions', { method: 'POST', body, token }));
  }

  async function status(): Promise<PushStatus> {
    if (!pushSupported()) return 'unsupported';
    if (Notification.permission === 'denied') return 'blocked';
    if (Notification.permission === 'default') return 'not-asked';
    const subscription = await (await registration())?.pushManager.getSubscription();
    return subscription ? 'on' : 'off';
  }

  async function enable(): Promise<PushStatus> {
    if (!pushSupported()) return 'unsupported';
    storage.setItem(ASKED_KEY, '1');
    // The prompt comes first, while the click that led here still counts as a user gesture.
    const permission =
      Notification.permission === 'default'
        ? await Notification.requestPermission()
        : Notification.permission;
    if (permission !== 'granted') return status();
    await subscribe();
    return 'on';
  }

  return {
    status,
    enable,
    askAfterFirstMessage() {
      if (!pushSupported() || storage.getItem(ASKED_KEY) !== null || Notification.permission !== 'default') {
        return status();
      }
      return enable();
    },
    async resume() {
      if (pushSupported() && Notification.permission === 'granted') await subscribe();
    },
    async disable() {
      if (!pushSupported()) return;
      const subscription = await (await registration())?.pushManager.getSubscription();
      try {
        await authorized((token) => requestEmpty('/api/push/subscriptions', { method: 'DELETE', token }));
      } finally {
        await subscription?.unsubscribe();
      }
    },
    conversationRead(conversationId, readSeq) {
      if (!pushSupported()) return;
      void registration().then((r) =>
        r?.active?.postMessage({ type: READ_MESSAGE, conversationId, readSeq }),
      );
    },
    onOpenConversation(listener) {
      if (!pushSupported()) return () => {};
      const onMessage = (event: MessageEvent) => {
        const data = event.data as { type?: unknown; conversationId?: unknown; seq?: unknown } | null;
        if (data?.type !== OPEN_MESSAGE) return;
        listener({
          conversationId: typeof data.conversationId === 'string' ? data.conversationId : null,
          seq: typeof data.seq === 'number' ? data.seq : null,
        });
      };
      navigator.serviceWorker.addEventListener('message', onMessage);
      return () => navigator.serviceWorker.removeEventListener('message', onMessage);
    },
  };
}
