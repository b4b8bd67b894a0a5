// Confab's service worker, served as /sw.js (apps/web/src/push/ registers it). It shows Web Push
// notifications, opens the app on the conversation when one is clicked, and closes a
// conversation's notifications once it is read on any device. The payloads are `PushPayload` in
// packages/shared/src/protocol/push.ts; docs/notifications.md has the whole flow.

/** The page tells the worker a conversation was read here (push-notifications.ts). */
const READ_MESSAGE = 'confab:read';
/** The worker asks an open window to show a conversation (a notification was clicked). */
const OPEN_MESSAGE = 'confab:open-conversation';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  event.waitUntil(onPush(readPayload(event)));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openApp(event.notification.data || {}));
});

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data && data.type === READ_MESSAGE && typeof data.conversationId === 'string') {
    event.waitUntil(closeRead(data.conversationId, Number(data.readSeq)));
  }
});

function readPayload(event) {
  try {
    return event.data ? event.data.json() : null;
  } catch {
    return null;
  }
}

function conversationUrl(conversationId, seq) {
  return seq ? `/c/${conversationId}?m=${seq}` : `/c/${conversationId}`;
}

async function onPush(payload) {
  if (!payload) return;
  switch (payload.type) {
    case 'message':
      return showMessage(payload);
    case 'summary':
      return self.registration.showNotification(payload.title, {
        body: payload.body,
        tag: payload.tag,
        data: { url: '/' },
      });
    case 'read':
      return closeRead(payload.conversationId, payload.readSeq);
  }
}

async function showMessage(payload) {
  // Someone looking at this very conversation doesn't need a notification about it.
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const path = `/c/${payload.conversationId}`;
  if (windows.some((w) => w.focused && new URL(w.url).pathname === path)) return;
  // When the preview is off, title and body say nothing; the app fetches the message when opened.
  await self.registration.showNotification(payload.title, {
    body: payload.body,
    tag: payload.tag,
    renotify: true,
    timestamp: Date.now(),
    data: {
      conversationId: payload.conversationId,
      seq: payload.seq,
      url: conversationUrl(payload.conversationId, payload.seq),
    },
  });
}

/** Closes the conversation's notifications up to `readSeq`; a newer one stays. */
async function closeRead(conversationId, readSeq) {
  const notifications = await self.registration.getNotifications();
  for (const notification of notifications) {
    const data = notification.data || {};
    if (data.conversationId === conversationId && !(data.seq > readSeq)) notification.close();
  }
}

/** Focuses a window of the app and tells it where to go, or opens one at the conversation. */
async function openApp(data) {
  const url = data.url || '/';
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const existing = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (existing) {
    const focused = (await existing.focus()) || existing;
    focused.postMessage({
      type: OPEN_MESSAGE,
      conversationId: data.conversationId || null,
      seq: data.seq || null,
      url,
    });
    return;
  }
  await self.clients.openWindow(url);
}
