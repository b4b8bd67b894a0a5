import type { Session } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { DomainError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';
import { hashRefreshToken, newRefreshToken, readAccessToken, signAccessToken } from './tokens.js';
import { createUser, toUserProfile } from './users.js';

const unauthorized = (message = 'sign in again') => new DomainError('unauthorized', message);

async function issueSession(ctx: ServerContext, userId: string, deviceId: string, refreshToken: string) {
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  const access = await signAccessToken(
    { userId, deviceId },
    ctx.config.authSecret,
    ctx.config.accessTokenTtlSeconds,
  );
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt.toISOString(),
    refreshToken,
    deviceId,
    user: toUserProfile(user),
  } satisfies Session;
}

async function startDeviceSession(ctx: ServerContext, userId: string, deviceName: string): Promise<Session> {
  const refreshToken = newRefreshToken();
  const device = await ctx.db.device.create({
    data: { id: newId(), userId, name: deviceName, refreshTokenHash: hashRefreshToken(refreshToken) },
  });
  return issueSession(ctx, userId, device.id, refreshToken);
}

/** First run: the first account is the workspace admin; refused once anyone exists. */
export async function setupFirstAdmin(
  ctx: ServerContext,
  input: { username: string; displayName: string; password: string; deviceName: string },
): Promise<Session> {
  if ((await ctx.db.user.count()) > 0) throw new DomainError('conflict', 'this workspace is already set up');
  const admin = await createUser(ctx, { ...input, role: 'admin' });
  return startDeviceSession(ctx, admin.id, input.deviceName);
}

export async function logIn(
  ctx: ServerContext,
  input: { username: string; password: string; deviceName: string },
): Promise<Session> {
  const user = await ctx.db.user.findUnique({ where: { username: input.username } });
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, input.password);
  if (!user || !valid || user.deactivatedAt) throw unauthorized('wrong username or password');
  return startDeviceSession(ctx, user.id, input.deviceName);
}

/** Trades a refresh token for a new access token and a new refresh token (the old one stops working). */
export async function refreshSession(ctx: ServerContext, refreshToken: string): Promise<Session> {
  const device = await ctx.db.device.findUnique({
    where: { refreshTokenHash: hashRefreshToken(refreshToken) },
    include: { user: true },
  });
  if (!device || device.revokedAt || device.user.deactivatedAt) throw unauthorized();
  const next = newRefreshToken();
  const rotated = await ctx.db.device.updateMany({
    where: { id: device.id, refreshTokenHash: device.refreshTokenHash, revokedAt: null },
    data: { refreshTokenHash: hashRefreshToken(next), lastSeenAt: new Date() },
  });
  if (rotated.count !== 1) throw unauthorized();
  return issueSession(ctx, device.userId, device.id, next);
}

/** Verifies an access token and that its device and user are still allowed in. */
export async function authenticate(ctx: ServerContext, accessToken: string | undefined): Promise<Actor> {
  if (!accessToken) throw unauthorized('missing access token');
  const claims = await readAccessToken(accessToken, ctx.config.authSecret);
  if (!claims) throw unauthorized('invalid or expired access token');
  const device = await ctx.db.device.findUnique({
    where: { id: claims.deviceId },
    select: { userId: true, revokedAt: true, user: { select: { deactivatedAt: true } } },
  });
  if (!device || device.userId !== claims.userId || device.revokedAt || device.user.deactivatedAt) {
    throw unauthorized('this device was signed out');
  }
  return claims;
}
