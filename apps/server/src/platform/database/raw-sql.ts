import type { Database } from './prisma.js';

/**
 * The only queries Prisma's query API can't express. Each is one statement, so what it reads is
 * one consistent snapshot.
 */

export interface UnreadRow {
  conversationId: string;
  lastSeq: number;
  unread: number;
  mentions: number;
}

/**
 * Unread and mention counts of a user's conversations, counted only up to the `lastSeq` read in
 * the same statement, so a client can add what it receives after that seq without counting twice.
 */
export async function unreadCounts(
  db: Database,
  userId: string,
  conversationIds: string[],
): Promise<UnreadRow[]> {
  if (conversationIds.length === 0) return [];
  return db.$queryRaw<UnreadRow[]>`
    SELECT c.id AS "conversationId",
           c."lastSeq" AS "lastSeq",
           count(msg.id)::int AS unread,
           (count(msg.id) FILTER (
              WHERE msg."mentionsAll" OR ${userId}::uuid = ANY(msg."mentionedUserIds")))::int AS mentions
    FROM "Membership" m
    JOIN "Conversation" c ON c.id = m."conversationId"
    LEFT JOIN "Message" msg
      ON msg."conversationId" = m."conversationId"
     AND msg.seq > m."readSeq"
     AND msg.seq <= c."lastSeq"
     AND msg."senderId" <> m."userId"
     AND msg.kind = 'user'
     AND msg."deletedAt" IS NULL
    WHERE m."userId" = ${userId}::uuid AND m."conversationId" = ANY(${conversationIds}::uuid[])
    GROUP BY c.id, c."lastSeq"`;
}

/** Readiness: the database answers. */
export async function ping(db: Database): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
