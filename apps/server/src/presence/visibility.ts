import type { ServerContext } from '../context.js';
import { forbidden } from '../platform/errors.js';

/** One may see the presence of oneself and of people one shares a conversation with — nobody else. */
export async function requirePresenceVisible(
  ctx: ServerContext,
  viewerId: string,
  userIds: string[],
): Promise<void> {
  const others = [...new Set(userIds)].filter((id) => id !== viewerId);
  if (others.length === 0) return;
  const visible = await ctx.db.membership.findMany({
    where: { userId: { in: others }, conversation: { memberships: { some: { userId: viewerId } } } },
    select: { userId: true },
    distinct: ['userId'],
  });
  if (visible.length !== others.length) {
    throw forbidden('you can see the presence only of people you share a conversation with');
  }
}
