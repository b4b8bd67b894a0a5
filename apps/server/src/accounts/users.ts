import type { CreateUserRequest, UserProfile } from '@confab/shared';
import type { ServerContext } from '../context.js';
import { conflict, forbidden } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { hashPassword } from './passwords.js';

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: 'admin' | 'member';
  deactivatedAt: Date | null;
}

export const toUserProfile = (user: UserRow): UserProfile => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  deactivated: user.deactivatedAt !== null,
});

export async function createUser(
  ctx: ServerContext,
  input: { username: string; displayName: string; password: string; role: 'admin' | 'member' },
): Promise<UserProfile> {
  const existing = await ctx.db.user.findUnique({ where: { username: input.username } });
  if (existing) throw conflict(`username "${input.username}" is taken`);
  const user = await ctx.db.user.create({
    data: {
      id: newId(),
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      role: input.role,
    },
  });
  return toUserProfile(user);
}

/** A workspace admin creates an account. */
export async function createUserAsAdmin(
  ctx: ServerContext,
  adminId: string,
  input: Required<CreateUserRequest>,
): Promise<UserProfile> {
  const admin = await ctx.db.user.findUnique({ where: { id: adminId } });
  if (admin?.role !== 'admin') throw forbidden('only workspace admins create accounts');
  return createUser(ctx, input);
}

export async function listUsers(ctx: ServerContext): Promise<UserProfile[]> {
  const users = await ctx.db.user.findMany({ orderBy: { username: 'asc' } });
  return users.map(toUserProfile);
}
