import type { NotificationSettings, Session, WorkspaceSettings } from '@confab/shared';
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { usePushService } from '../test-support/push-service.js';
import { useTestWorld } from '../test-support/test-world.js';

const push = usePushService();
const world = useTestWorld({ pushCaFile: push.caFile, pushEndpointHosts: '127.0.0.1' });

const subscriptionsOfDevice = (deviceId: string) =>
  world.server.context.db.pushSubscription.findMany({ where: { deviceId } });

async function subscribe(session: Session, body: unknown = push.subscribe().json) {
  return world.http<{ code: string }>('POST', '/api/push/subscriptions', {
    token: session.accessToken,
    body,
  });
}

describe('push subscriptions', () => {
  it('keeps the VAPID key generated on first start across restarts', async () => {
    const ann = await world.signUp('ann');
    const first = await world.http<{ publicKey: string }>('GET', '/api/push/vapid-public-key', {
      token: ann.accessToken,
    });
    expect(first.status).toBe(200);
    expect(first.body.publicKey).toMatch(/^B[A-Za-z0-9_-]{86}$/);

    const second = await world.startServer();
    const again = await fetch(`http://127.0.0.1:${second.port}/api/push/vapid-public-key`, {
      headers: { authorization: `Bearer ${ann.accessToken}` },
    }).then((response) => response.json());
    expect(again).toEqual(first.body);
    await second.close();
  });

  it('uses the configured VAPID keys instead', async () => {
    const ann = await world.signIn('ann');
    const keys = webpush.generateVAPIDKeys();
    const configured = await world.startServer({
      vapidPublicKey: keys.publicKey,
      vapidPrivateKey: keys.privateKey,
    });
    const answer = await fetch(`http://127.0.0.1:${configured.port}/api/push/vapid-public-key`, {
      headers: { authorization: `Bearer ${ann.accessToken}` },
    }).then((response) => response.json());
    expect(answer).toEqual({ publicKey: keys.publicKey });
    await configured.close();
  });

  it('ties a subscription to the device; the same browser signing in as someone else takes it over', async () => {
    const ben = await world.signUp('ben');
    const cat = await world.signUp('cat');
    const subscription = push.subscribe();

    expect((await subscribe(ben, subscription.json)).status).toBe(204);
    expect(await subscriptionsOfDevice(ben.deviceId)).toEqual([
      expect.objectContaining({
        endpoint: subscription.json.endpoint,
        p256dh: subscription.json.keys.p256dh,
        auth: subscription.json.keys.auth,
      }),
    ]);

    expect((await subscribe(cat, subscription.json)).status).toBe(204);
    expect(await subscriptionsOfDevice(ben.deviceId)).toEqual([]);
    expect(await subscriptionsOfDevice(cat.deviceId)).toHaveLength(1);
  });

  it('removes the device’s subscriptions on request, on sign-out and on revoke', async () => {
    const dan = await world.signUp('dan');
    await subscribe(dan);
    expect(await subscriptionsOfDevice(dan.deviceId)).toHaveLength(1);
    const removed = await world.http('DELETE', '/api/push/subscriptions', { token: dan.accessToken });
    expect(removed.status).toBe(204);
    expect(await subscriptionsOfDevice(dan.deviceId)).toEqual([]);

    await subscribe(dan);
    await world.http('POST', '/api/auth/logout', { token: dan.accessToken });
    expect(await subscriptionsOfDevice(dan.deviceId)).toEqual([]);

    const laptop = await world.signIn('dan', 'Laptop');
    const phone = await world.signIn('dan', 'Phone');
    await subscribe(phone);
    const revoked = await world.http('DELETE', `/api/devices/${phone.deviceId}`, {
      token: laptop.accessToken,
    });
    expect(revoked.status).toBe(204);
    expect(await subscriptionsOfDevice(phone.deviceId)).toEqual([]);
  });

  it('refuses bad subscriptions with bad_request', async () => {
    const eve = await world.signUp('eve');
    const good = push.subscribe().json;
    const bad: unknown[] = [
      {},
      { ...good, endpoint: good.endpoint.replace('https:', 'http:') },
      { ...good, endpoint: 'not a url' },
      { ...good, keys: { ...good.keys, p256dh: 'short' } },
      { ...good, keys: { p256dh: good.keys.p256dh } },
      { ...good, extra: true },
      { ...good, endpoint: 'https://push.evil.example/x' },
    ];
    for (const body of bad) {
      const response = await subscribe(eve, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.code).toBe('bad_request');
    }
    expect(await subscriptionsOfDevice(eve.deviceId)).toEqual([]);
    const anonymous = await world.http('POST', '/api/push/subscriptions', { body: good });
    expect(anonymous.status).toBe(401);
  });
});

describe('notification settings', () => {
  it('lets a user choose a preview and quiet hours, and clear them', async () => {
    const fay = await world.signUp('fay');
    const initial = await world.http<NotificationSettings>('GET', '/api/me/notifications', {
      token: fay.accessToken,
    });
    expect(initial.body).toEqual({ preview: null, effectivePreview: 'full', dndSchedule: null });

    const dndSchedule = { start: 22 * 60, end: 7 * 60, timeZone: 'Europe/Berlin' };
    const updated = await world.http<NotificationSettings>('PATCH', '/api/me/notifications', {
      token: fay.accessToken,
      body: { preview: 'none', dndSchedule },
    });
    expect(updated.body).toEqual({ preview: 'none', effectivePreview: 'none', dndSchedule });

    const cleared = await world.http<NotificationSettings>('PATCH', '/api/me/notifications', {
      token: fay.accessToken,
      body: { preview: null, dndSchedule: null },
    });
    expect(cleared.body).toEqual({ preview: null, effectivePreview: 'full', dndSchedule: null });
  });

  it('refuses bad settings with bad_request', async () => {
    const gus = await world.signUp('gus');
    const bad: unknown[] = [
      { preview: 'loud' },
      { dndSchedule: { start: 1440, end: 60, timeZone: 'UTC' } },
      { dndSchedule: { start: 60, end: 60, timeZone: 'UTC' } },
      { dndSchedule: { start: 60, end: 120, timeZone: 'Mars/Olympus_Mons' } },
      { dndSchedule: { start: 60, end: 120 } },
      { mood: 'quiet' },
    ];
    for (const body of bad) {
      const response = await world.http<{ code: string }>('PATCH', '/api/me/notifications', {
        token: gus.accessToken,
        body,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.code).toBe('bad_request');
    }
  });

  it('lets only workspace admins change the workspace’s preview, which users without a choice follow', async () => {
    const admin = await world.signUp('boss', { role: 'admin' });
    const hal = await world.signUp('hal');
    const refused = await world.http<{ code: string }>('PATCH', '/api/workspace/settings', {
      token: hal.accessToken,
      body: { notificationPreview: 'none' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');

    const invalid = await world.http<{ code: string }>('PATCH', '/api/workspace/settings', {
      token: admin.accessToken,
      body: { notificationPreview: 'everything' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('bad_request');

    const changed = await world.http<WorkspaceSettings>('PATCH', '/api/workspace/settings', {
      token: admin.accessToken,
      body: { notificationPreview: 'sender' },
    });
    expect(changed.body).toEqual({ notificationPreview: 'sender' });
    const seen = await world.http<WorkspaceSettings>('GET', '/api/workspace/settings', {
      token: hal.accessToken,
    });
    expect(seen.body).toEqual({ notificationPreview: 'sender' });
    const hals = await world.http<NotificationSettings>('GET', '/api/me/notifications', {
      token: hal.accessToken,
    });
    expect(hals.body.effectivePreview).toBe('sender');
  });
});
