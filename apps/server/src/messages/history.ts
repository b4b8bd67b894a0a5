import type { FetchHistory, HistoryPage } from '@confab/shared';
import type { z } from 'zod';
import type { Actor, ServerContext } from '../context.js';
import { requireMembership } from '../conversations/access.js';
import { messageInclude, toWireMessage } from './message-view.js';

/** One page of a conversation's messages in seq order, older or newer than a seq, or the latest. */
export async function fetchHistory(
  ctx: ServerContext,
  actor: Actor,
  request: z.output<typeof FetchHistory>,
): Promise<HistoryPage> {
  await requireMembership(ctx.db, actor.userId, request.conversationId);
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
