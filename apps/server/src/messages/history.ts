import type { FetchHistory, HistoryPage } from '@confab/shared';
import type { z } from 'zod';
import type { Actor, ServerContext } from '../context.js';
import { requireMembership } from '../conversations/access.js';
import { messageInclude, toWireMessage } from './message-view.js';

/**
 * One page of a conversation's messages in seq order: older or newer than a seq, around one (the
 * message and its context, for a search result), or the latest.
 */
export async function fetchHistory(
  ctx: ServerContext,
  actor: Actor,
  request: z.output<typeof FetchHistory>,
): Promise<HistoryPage> {
  await requireMembership(ctx.db, actor.userId, request.conversationId);
  if (request.aroundSeq !== undefined)
    return fetchAround(ctx, request.conversationId, request.aroundSeq, request.limit);
  const newer = request.afterSeq !== undefined;
  const rows = await ctx.db.message.findMany({
    where: {
      conversationId: request.conversationId,
      seq: newer
        ? { gt: request.afterSeq }
        : request.beforeSeq !== undefined
          ? { lt: request.beforeSeq }
          : undefined,
    },
    orderBy: { seq: newer ? 'asc' : 'desc' },
    take: request.limit + 1,
    include: messageInclude,
  });
  const hasMore = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  if (!newer) page.reverse();
  return { messages: page.map(toWireMessage), hasMore };
}

/** Up to half the page before the seq, the message itself and what follows it. */
async function fetchAround(
  ctx: ServerContext,
  conversationId: string,
  aroundSeq: number,
  limit: number,
): Promise<HistoryPage> {
  const olderCount = Math.floor((limit - 1) / 2);
  const newerCount = limit - olderCount;
  const [older, newer] = await Promise.all([
    ctx.db.message.findMany({
      where: { conversationId, seq: { lt: aroundSeq } },
      orderBy: { seq: 'desc' },
      take: olderCount + 1,
      include: messageInclude,
    }),
    ctx.db.message.findMany({
      where: { conversationId, seq: { gte: aroundSeq } },
      orderBy: { seq: 'asc' },
      take: newerCount + 1,
      include: messageInclude,
    }),
  ]);
  const messages = [...older.slice(0, olderCount).reverse(), ...newer.slice(0, newerCount)];
  return {
    messages: messages.map(toWireMessage),
    hasMore: older.length > olderCount,
    hasMoreAfter: newer.length > newerCount,
  };
}
