import type { ConversationRef } from '@confab/shared';
import type { Database } from '../platform/database/prisma.js';

/**
 * The conversations a search may look in: the searcher's memberships — never any other — narrowed
 * to the `in:` conversations when the query names some. A name that matches none of them narrows
 * to nothing, the same answer whether or not such a conversation exists.
 */
export async function searchScope(db: Database, userId: string, refs: ConversationRef[]): Promise<string[]> {
  if (refs.length === 0) {
    const memberships = await db.membership.findMany({ where: { userId }, select: { conversationId: true } });
    return memberships.map((m) => m.conversationId);
  }
  const memberships = await db.membership.findMany({
    where: { userId },
    select: {
      conversationId: true,
      conversation: {
        select: {
          kind: true,
          name: true,
          // For a direct conversation: the other person.
          memberships: {
            where: { userId: { not: userId } },
            select: { user: { select: { username: true } } },
            take: 1,
          },
        },
      },
    },
  });
  return memberships
    .filter(({ conversation }) =>
      refs.some((ref) =>
        ref.kind === 'named'
          ? conversation.kind !== 'direct' && conversation.name?.toLowerCase() === ref.name.toLowerCase()
          : conversation.kind === 'direct' && conversation.memberships[0]?.user.username === ref.username,
      ),
    )
    .map((m) => m.conversationId);
}

/** User ids of `from:` usernames; unknown names are left out. */
export async function senderIds(db: Database, usernames: string[]): Promise<string[]> {
  const users = await db.user.findMany({ where: { username: { in: usernames } }, select: { id: true } });
  return users.map((user) => user.id);
}
