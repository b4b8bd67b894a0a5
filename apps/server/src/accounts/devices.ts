import type { DeviceInfo } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { notFound } from '../platform/errors.js';
import { removeDeviceSubscriptions } from '../push/subscriptions.js';
import { hashRefreshToken, newRefreshToken } from './tokens.js';

export async function listDevices(ctx: ServerContext, actor: Actor): Promise<DeviceInfo[]> {
  const devices = await ctx.db.device.findMany({
    where: { userId: actor.userId, revokedAt: null },
    orderBy: { lastSeenAt: 'desc' },
  });
  return devices.map((device) => ({
    id: device.id,
    name: device.name,
    createdAt: device.createdAt.toISOString(),
    lastSeenAt: device.lastSeenAt.toISOString(),
    current: device.id === actor.deviceId,
  }));
}

/**
 * Signs a device out everywhere at once: its refresh token stops working, its access tokens are
 * refused on the next request, and its live sockets are disconnected now.
 */
export async function revokeDevice(ctx: ServerContext, actor: Actor, deviceId: string): Promise<void> {
  const revoked = await ctx.db.device.updateMany({
    where: { id: deviceId, userId: actor.userId, revokedAt: null },
    // The refresh token hash is replaced so that the old token can never match again.
    data: { revokedAt: new Date(), refreshTokenHash: hashRefreshToken(newRefreshToken()) },
  });
  if (revoked.count === 0) throw notFound('device');
  await removeDeviceSubscriptions(ctx.db, deviceId);
  ctx.events.disconnectDevice(deviceId);
}

/** Signing out is revoking one's own device. */
export const logOut = (ctx: ServerContext, actor: Actor) => revokeDevice(ctx, actor, actor.deviceId);
