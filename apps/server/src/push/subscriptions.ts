import type { PushSubscriptionRequest } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import type { Database } from '../platform/database/prisma.js';
import { DomainError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';

/** Enough for a browser that re-subscribed a few times; older ones of the device go. */
const MAX_SUBSCRIPTIONS_PER_DEVICE = 5;

export interface PushTarget {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** `*.example.com` matches subdomains, `*` anything. */
export function endpointHostAllowed(endpoint: string, allowed: readonly string[]): boolean {
  const host = new URL(endpoint).hostname.toLowerCase();
  return allowed.some(
    (pattern) =>
      pattern === '*' || pattern === host || (pattern.startsWith('*.') && host.endsWith(pattern.slice(1))),
  );
}

/**
 * Ties the browser's subscription to the device it signed in as. An endpoint already known moves
 * to this device: one browser, one subscription, whoever signed in last.
 */
export async function subscribeToPush(
  ctx: ServerContext,
  actor: Actor,
  request: PushSubscriptionRequest,
): Promise<void> {
  // The server will POST to this URL: only to push services the workspace allows.
  if (!endpointHostAllowed(request.endpoint, ctx.config.pushEndpointHosts)) {
    throw new DomainError('bad_request', 'this push service is not allowed here (PUSH_ENDPOINT_HOSTS)');
  }
  const { endpoint, keys } = request;
  await ctx.db.pushSubscription.upsert({
    where: { endpoint },
    create: { id: newId(), deviceId: actor.deviceId, endpoint, p256dh: keys.p256dh, auth: keys.auth },
    update: { deviceId: actor.deviceId, p256dh: keys.p256dh, auth: keys.auth },
  });
  const surplus = await ctx.db.pushSubscription.findMany({
    where: { deviceId: actor.deviceId },
    orderBy: { createdAt: 'desc' },
    skip: MAX_SUBSCRIPTIONS_PER_DEVICE,
    select: { id: true },
  });
  if (surplus.length > 0) {
    await ctx.db.pushSubscription.deleteMany({ where: { id: { in: surplus.map((row) => row.id) } } });
  }
}

/** The device stops receiving notifications: on request, on sign-out and on revoke. */
export async function removeDeviceSubscriptions(db: Database, deviceId: string): Promise<void> {
  await db.pushSubscription.deleteMany({ where: { deviceId } });
}

export const unsubscribeFromPush = (ctx: ServerContext, actor: Actor) =>
  removeDeviceSubscriptions(ctx.db, actor.deviceId);

/** Where a user's notifications go: the subscriptions of their devices that are still signed in. */
export function subscriptionsOf(db: Database, userId: string): Promise<PushTarget[]> {
  return db.pushSubscription.findMany({
    where: { device: { userId, revokedAt: null } },
    select: { id: true, endpoint: true, p256dh: true, auth: true },
  });
}
