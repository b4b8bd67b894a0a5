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

/** One message of a group commit, as `storeMessageBatch` takes it. */
export interface NewMessageRow {
  id: string;
  conversationId: string;
  senderId: string;
  clientId: string;
  body: string;
  replyToId: string | null;
  replyToSeq: number | null;
  mentionedUserIds: string[];
  mentionsAll: boolean;
  createdAt: Date;
}

/** What happened to each row of a batch, in the order given. */
export interface StoredMessageRow {
  /** (senderId, clientId) was already stored: nothing was written for this row. */
  duplicate: boolean;
  /** The sender is a member (checked under the conversation's lock). */
  member: boolean;
  /** Set when the row was stored. */
  seq: number | null;
  changeSeq: number | null;
  /** The conversation's members at commit, on the first stored row of each conversation. */
  memberIds: string[] | null;
  /**
   * …and those of them Web Push could reach (an active account with a subscribed device), by
   * notification level; muted members are in neither. Also on the first stored row only.
   */
  pushAll: string[] | null;
  pushMentions: string[] | null;
}

const STALE_SNAPSHOT = 'confab: conversation changed while waiting for its lock';

/** The fast path's signal that it must be redone with the lock taken first (see below). */
function isStaleSnapshot(error: unknown): boolean {
  return error instanceof Error && error.message.includes(STALE_SNAPSHOT);
}

/**
 * Group commit: stores a batch of new user messages, of one or many conversations, atomically,
 * in one SQL statement. The statement
 *
 * - locks the batch's conversation rows in id order (every batch locks in the same order, so
 *   batches never deadlock each other; membership changes lock one conversation, as before);
 * - skips rows whose (senderId, clientId) is stored already and rows whose sender is not a
 *   member; numbers the rest per conversation in the order given; moves each conversation's
 *   `lastSeq`/`lastChangeSeq` by its count (gapless: refused rows take no number); inserts the
 *   messages; moves each sender's read cursor to their last message; and reads the members to
 *   fan out to and which of them Web Push could notify, all as of the moment the locks are held.
 *
 * Why that holds in one statement: its snapshot is taken when it starts, before it holds the
 * locks. Every change that matters here — a membership change, another send, an edit — updates
 * the conversation row under that same lock, so if none committed in between, the row version
 * it locked is the one its snapshot sees (same `xmin`). The statement checks exactly that and
 * fails if not (`STALE_SNAPSHOT`); then the batch runs again in a transaction that takes the locks
 * first and runs the statement after, with a snapshot taken under the locks. Within one server
 * process the send batcher never puts a conversation in two batches at once, so the retry is for
 * contention with other processes and other kinds of changes.
 *
 * A concurrent duplicate (senderId, clientId) sent to another conversation fails the statement
 * with a unique violation; the caller retries, and the retry sees it as a duplicate.
 */
export async function storeMessageBatch(db: Database, rows: NewMessageRow[]): Promise<StoredMessageRow[]> {
  if (rows.length === 0) return [];
  const conversationIds = [...new Set(rows.map((row) => row.conversationId))];
  const statement = () => db.$queryRaw<(StoredMessageRow & { ord: number })[]>`
    WITH locked AS MATERIALIZED (
      SELECT id, xmin::text AS version FROM "Conversation"
       WHERE id = ANY(${conversationIds}::uuid[]) ORDER BY id FOR UPDATE
    ),
    seen AS MATERIALIZED (
      SELECT id, xmin::text AS version FROM "Conversation" WHERE id = ANY(${conversationIds}::uuid[])
    ),
    guard AS MATERIALIZED (
      -- An aggregate over every locked row: all locks are held before anything below is read.
      SELECT count(*) FILTER (WHERE s.version IS DISTINCT FROM l.version)::int AS stale
        FROM locked l LEFT JOIN seen s ON s.id = l.id
    ),
    input AS (
      SELECT * FROM unnest(
        ${rows.map((_, i) => i)}::int[],
        ${rows.map((row) => row.id)}::uuid[],
        ${rows.map((row) => row.conversationId)}::uuid[],
        ${rows.map((row) => row.senderId)}::uuid[],
        ${rows.map((row) => row.clientId)}::uuid[],
        ${rows.map((row) => row.body)}::text[],
        ${rows.map((row) => row.replyToId)}::uuid[],
        ${rows.map((row) => row.replyToSeq)}::int[],
        ${rows.map((row) => row.mentionedUserIds.join(','))}::text[],
        ${rows.map((row) => row.mentionsAll)}::boolean[],
        ${rows.map((row) => row.createdAt.toISOString())}::timestamp(3)[]
      ) AS t(ord, id, "conversationId", "senderId", "clientId", body, "replyToId", "replyToSeq", mentioned, "mentionsAll", "createdAt")
    ),
    checked AS MATERIALIZED (
      -- LATERAL … LIMIT 1: one index probe per row, whatever the table statistics say (never a
      -- hashed scan of the whole Message table).
      SELECT i.*, dup.found IS NOT NULL AS duplicate, mem.found IS NOT NULL AS member
        FROM input i
        CROSS JOIN guard g
        LEFT JOIN LATERAL (
          SELECT 1 AS found FROM "Message" x
           WHERE x."senderId" = i."senderId" AND x."clientId" = i."clientId" LIMIT 1
        ) dup ON true
        LEFT JOIN LATERAL (
          SELECT 1 AS found FROM "Membership" m
           WHERE m."conversationId" = i."conversationId" AND m."userId" = i."senderId" LIMIT 1
        ) mem ON true
       -- Fails the whole statement (nothing is written) when the snapshot is older than a lock.
       WHERE (CASE WHEN g.stale = 0 THEN 0 ELSE (${STALE_SNAPSHOT}::text || ' (' || g.stale || ')')::int END) = 0
    ),
    accepted AS MATERIALIZED (
      SELECT c.*, (row_number() OVER (PARTITION BY c."conversationId" ORDER BY c.ord))::int AS k
        FROM checked c
       WHERE c.member AND NOT c.duplicate
    ),
    counts AS (
      SELECT "conversationId", count(*)::int AS n, max("createdAt") AS "lastAt" FROM accepted GROUP BY "conversationId"
    ),
    bumped AS (
      UPDATE "Conversation" conv
         SET "lastSeq" = conv."lastSeq" + counts.n,
             "lastChangeSeq" = conv."lastChangeSeq" + counts.n,
             "lastMessageAt" = GREATEST(conv."lastMessageAt", counts."lastAt")
        FROM counts
       WHERE conv.id = counts."conversationId"
      RETURNING conv.id, conv."lastSeq" - counts.n AS "seqBase", conv."lastChangeSeq" - counts.n AS "changeBase"
    ),
    inserted AS (
      INSERT INTO "Message" (id, "conversationId", seq, "changeSeq", "senderId", "clientId", kind, body,
                             "replyToId", "replyToSeq", "mentionedUserIds", "mentionsAll", "createdAt")
      SELECT a.id, a."conversationId", b."seqBase" + a.k, b."changeBase" + a.k, a."senderId", a."clientId",
             'user', a.body, a."replyToId", a."replyToSeq", string_to_array(a.mentioned, ',')::uuid[],
             a."mentionsAll", a."createdAt"
        FROM accepted a JOIN bumped b ON b.id = a."conversationId"
      RETURNING id, "conversationId", "senderId", seq, "changeSeq"
    ),
    cursors AS (
      UPDATE "Membership" m
         SET "readSeq" = last.seq
        FROM (SELECT "conversationId", "senderId", max(seq) AS seq FROM inserted GROUP BY 1, 2) last
       WHERE m."conversationId" = last."conversationId" AND m."userId" = last."senderId"
    ),
    members AS (
      SELECT m."conversationId",
             array_agg(m."userId"::text) AS ids,
             coalesce(array_agg(m."userId"::text) FILTER (WHERE m."notificationLevel" = 'all' AND push.reachable),
                      '{}') AS "pushAll",
             coalesce(array_agg(m."userId"::text) FILTER (WHERE m."notificationLevel" = 'mentions' AND push.reachable),
                      '{}') AS "pushMentions"
        FROM "Membership" m
        LEFT JOIN LATERAL (
          SELECT true AS reachable
            FROM "Device" d
            JOIN "PushSubscription" s ON s."deviceId" = d.id
            JOIN "User" u ON u.id = d."userId"
           WHERE d."userId" = m."userId" AND d."revokedAt" IS NULL AND u."deactivatedAt" IS NULL
           LIMIT 1
        ) push ON true
       WHERE m."conversationId" IN (SELECT "conversationId" FROM counts)
       GROUP BY m."conversationId"
    )
    SELECT c.ord, c.duplicate, c.member, ins.seq, ins."changeSeq",
           CASE WHEN a.k = 1 THEN mem.ids END AS "memberIds",
           CASE WHEN a.k = 1 THEN mem."pushAll" END AS "pushAll",
           CASE WHEN a.k = 1 THEN mem."pushMentions" END AS "pushMentions"
      FROM checked c
      LEFT JOIN inserted ins ON ins.id = c.id
      LEFT JOIN accepted a ON a.id = c.id
      LEFT JOIN members mem ON mem."conversationId" = c."conversationId"
     ORDER BY c.ord`;

  let stored: (StoredMessageRow & { ord: number })[];
  try {
    stored = await statement();
  } catch (error) {
    if (!isStaleSnapshot(error)) throw error;
    // Contended: take the locks first; the statement's own snapshot then comes after them.
    [, stored] = await db.$transaction([
      db.$queryRaw`SELECT id FROM "Conversation" WHERE id = ANY(${conversationIds}::uuid[]) ORDER BY id FOR UPDATE`,
      statement(),
    ]);
  }
  return stored.map(({ ord: _ord, ...row }) => row);
}
