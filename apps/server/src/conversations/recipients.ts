import type { ServerEvent, ServerEventName } from '@confab/shared';
import type { ServerContext } from '../context.js';

export async function memberIds(ctx: ServerContext, conversationId: string): Promise<string[]> {
  const rows = await ctx.db.membership.findMany({ where: { conversationId }, select: { userId: true } });
  return rows.map((row) => row.userId);
}

/** Sends an event to the conversation's current members, read from the database after commit. */
export async function publishToMembers<E extends ServerEventName>(
  ctx: ServerContext,
  conversationId: string,
  event: E,
  payload: ServerEvent<E>,
  options?: { exceptUserId?: string },
): Promise<void> {
  ctx.events.toUsers(await memberIds(ctx, conversationId), event, payload, options);
}
