import type { UnreadCounts } from '@confab/shared';
import type { ServerContext } from '../context.js';
import { unreadCounts } from '../platform/database/raw-sql.js';

export async function unreadByConversation(
  ctx: ServerContext,
  userId: string,
  conversationIds: string[],
): Promise<Map<string, UnreadCounts>> {
  const rows = await unreadCounts(ctx.db, userId, conversationIds);
  return new Map(
    rows.map((row) => [
      row.conversationId,
      { count: row.unread, mentions: row.mentions, asOfSeq: row.lastSeq },
    ]),
  );
}

export async function unreadOf(
  ctx: ServerContext,
  userId: string,
  conversationId: string,
): Promise<UnreadCounts> {
  const counts = await unreadByConversation(ctx, userId, [conversationId]);
  return counts.get(conversationId) ?? { count: 0, mentions: 0, asOfSeq: 0 };
}
