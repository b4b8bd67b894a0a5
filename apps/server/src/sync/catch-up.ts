import type { FetchSync, SyncPage } from '@confab/shared';
import type { z } from 'zod';
import type { Actor, ServerContext } from '../context.js';
import { conversationStates } from '../conversations/conversation-state.js';
import { messageInclude, toWireMessage } from '../messages/message-view.js';

type Entry = SyncPage['conversations'][number];

/**
 * One page of everything a device missed. The device sends, per conversation, the highest
 * changeSeq it has applied; it gets every message changed since (new, edited, deleted, reacted)
 * in changeSeq order, its conversations' current state, and the cursor to keep. Conversations it
 * has no cursor for come with their latest messages (`reset`). At most `limit` messages per page;
 * a conversation that doesn't fit is left out of the page (and `hasMore` is set) until the next.
 */
export async function catchUp(
  ctx: ServerContext,
  actor: Actor,
  request: z.output<typeof FetchSync>,
): Promise<SyncPage> {
  // States are read before messages: a cursor never claims more than the messages delivered with it.
  const states = await conversationStates(ctx, actor.userId);
  const cursors = new Map(request.cursors.map((c) => [c.conversationId, c.changeSeq]));
  const memberOf = new Set(states.map((s) => s.id));
  const removedConversationIds = [...cursors.keys()].filter((id) => !memberOf.has(id));

  let budget = request.limit;
  let deferred = false;
  const conversations: Entry[] = [];
  for (const state of states) {
    const cursor = cursors.get(state.id);
    if (cursor !== undefined && cursor === state.lastChangeSeq) {
      conversations.push({ state, messages: [], changeSeq: cursor, reset: false, hasMore: false });
      continue;
    }
    // The page is full: this conversation comes in a later page, untouched until then.
    if (budget <= 0) {
      deferred = true;
      continue;
    }
    // No cursor, or one from the future (the database was restored): start this conversation over.
    if (cursor === undefined || cursor > state.lastChangeSeq) {
      const take = Math.min(request.initialMessages, budget);
      const latest = await ctx.db.message.findMany({
        where: { conversationId: state.id },
        orderBy: { seq: 'desc' },
        take,
        include: messageInclude,
      });
      budget -= latest.length;
      conversations.push({
        state,
        messages: latest.reverse().map(toWireMessage),
        changeSeq: state.lastChangeSeq,
        reset: true,
        hasMore: false,
      });
      continue;
    }
    const changed = await ctx.db.message.findMany({
      where: { conversationId: state.id, changeSeq: { gt: cursor, lte: state.lastChangeSeq } },
      orderBy: { changeSeq: 'asc' },
      take: budget + 1,
      include: messageInclude,
    });
    const hasMore = changed.length > budget;
    const page = changed.slice(0, budget);
    budget -= page.length;
    conversations.push({
      state,
      messages: page.map(toWireMessage),
      changeSeq: hasMore ? (page.at(-1)?.changeSeq ?? cursor) : state.lastChangeSeq,
      reset: false,
      hasMore,
    });
  }
  return { conversations, removedConversationIds, hasMore: deferred || conversations.some((c) => c.hasMore) };
}
