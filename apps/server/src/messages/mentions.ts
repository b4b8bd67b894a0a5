import type { Database } from '../platform/database/prisma.js';

const MENTION = /(?:^|[^\w@])@([a-z0-9][a-z0-9._-]*)/gi;
const EVERYONE = new Set(['here', 'all', 'channel', 'everyone']);

export interface Mentions {
  userIds: string[];
  all: boolean;
}

/** @username of a member, and @here / @all for everyone in the conversation. */
export async function resolveMentions(db: Database, conversationId: string, body: string): Promise<Mentions> {
  const names = new Set(
    [...body.matchAll(MENTION)].map((match) => match[1]!.toLowerCase().replace(/[._-]+$/, '')),
  );
  const all = [...names].some((name) => EVERYONE.has(name));
  const usernames = [...names].filter((name) => !EVERYONE.has(name));
  if (usernames.length === 0) return { userIds: [], all };
  const users = await db.user.findMany({
    where: { username: { in: usernames }, memberships: { some: { conversationId } } },
    select: { id: true },
  });
  return { userIds: users.map((user) => user.id), all };
}
