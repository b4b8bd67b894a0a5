import type { SearchTerm } from '@confab/shared';
import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../platform/database/prisma.js';
import type { EngineQuery, SearchDocument } from './engine.js';
import {
  cjkTokensOf,
  conversationToken,
  documentTokens,
  HAS_FILE,
  HAS_LINK,
  hasTrigram,
  isShortWord,
  MENTION_ALL,
  mentionToken,
  monthToken,
  senderToken,
  twoLetterWord,
} from './tokens.js';

/**
 * Every SQL statement of the PostgreSQL search engine, over the table "SearchDocument"
 * (prisma/schema.prisma; pg_trgm comes from a migration).
 *
 * How a query matches:
 * - a word matches wherever it occurs, inside other words too: partial words, `3699` in
 *   `PLT-3699`, `example.com` in a URL, and CJK text, which has no spaces between words;
 * - a prefix* matches at the start of a word, a "phrase" its words in order with any whitespace
 *   between them; a word of one or two letters or digits matches at the start of a word;
 * - one GIN index holds the text's trigrams and the document's tokens (tokens.ts: conversation,
 *   sender, mentions, links, CJK pairs, two-letter word starts), so the permission scope, the
 *   filters and the words narrow the candidates together in one index scan. A text condition
 *   with no trigram in it is written so that it stays out of that scan (it would read the whole
 *   index) and is checked on the candidates only;
 * - newest first sorts all matches when there are few; with many (a common word) it looks at the
 *   latest months first (by their tokens, in the same index scan) and at the rest only when those
 *   don't fill the page: a month of matches, not years of them;
 * - relevance ranks whole-word matches (`ts_rank_cd` of the 'simple' configuration) above
 *   matches inside words, then newer first; with very many matches, those of the latest months.
 */

const likeEscape = (text: string) => text.replace(/[\\%_]/g, '\\$&');
/** In PostgreSQL's regular expressions a backslash before a non-alphanumeric character means that character. */
const regexEscape = (text: string) => text.replace(/[^\p{L}\p{N}\s]/gu, '\\$&');
const startsWithWordChar = (text: string) => /^[\p{L}\p{N}_]/u.test(text);
const wordStart = (text: string) => (startsWithWordChar(text) ? '\\m' : '(?:^|[^[:alnum:]_])');

/** `~*`, which the trigram index can use, or the same test as a function call, which it can't. */
function regexMatch(pattern: string, indexable: boolean): Prisma.Sql {
  return indexable
    ? Prisma.sql`d.body ~* ${pattern}`
    : Prisma.sql`regexp_match(d.body, ${pattern}, 'i') IS NOT NULL`;
}

function exactMatch(term: SearchTerm): Prisma.Sql {
  const indexable = hasTrigram(term.text);
  switch (term.kind) {
    case 'word':
      if (isShortWord(term.text)) return regexMatch(wordStart(term.text) + regexEscape(term.text), false);
      return indexable
        ? Prisma.sql`d.body ILIKE ${`%${likeEscape(term.text)}%`}`
        : Prisma.sql`strpos(lower(d.body), ${term.text.toLowerCase()}) > 0`;
    case 'prefix':
      return regexMatch(wordStart(term.text) + regexEscape(term.text), indexable);
    case 'phrase':
      return regexMatch(term.text.split(' ').map(regexEscape).join('[[:space:]]+'), indexable);
  }
}

/** Whether a term occurs in the document's text: the tokens it needs, and the text itself. */
function termMatches(term: SearchTerm): Prisma.Sql {
  const twoLetters = term.kind === 'phrase' ? null : twoLetterWord(term.text);
  const tokens = twoLetters ? [twoLetters] : cjkTokensOf(term.text);
  if (tokens.length === 0) return exactMatch(term);
  return Prisma.sql`(d.tokens @> ${tokens}::text[] AND ${exactMatch(term)})`;
}

function conditions(query: EngineQuery): Prisma.Sql[] {
  // The permission scope: by token in the index scan, and by id (a token may stand for two ids).
  const where = [
    Prisma.sql`d.tokens && ${query.conversationIds.map(conversationToken)}::text[]`,
    Prisma.sql`d."conversationId" = ANY(${query.conversationIds}::uuid[])`,
  ];
  for (const term of query.include) where.push(termMatches(term));
  for (const term of query.exclude) where.push(Prisma.sql`NOT (${exactMatch(term)})`);
  if (query.senderIds) {
    where.push(Prisma.sql`d.tokens && ${query.senderIds.map(senderToken)}::text[]`);
    where.push(Prisma.sql`d."senderId" = ANY(${query.senderIds}::uuid[])`);
  }
  if (query.since) where.push(Prisma.sql`d."createdAt" >= ${query.since.toISOString()}::timestamp`);
  if (query.until) where.push(Prisma.sql`d."createdAt" < ${query.until.toISOString()}::timestamp`);
  if (query.hasLink) where.push(Prisma.sql`d.tokens @> ${[HAS_LINK]}::text[]`);
  if (query.hasFile) where.push(Prisma.sql`d.tokens @> ${[HAS_FILE]}::text[]`);
  if (query.mentioning) {
    where.push(Prisma.sql`d.tokens && ${[mentionToken(query.mentioning), MENTION_ALL]}::text[]`);
    where.push(Prisma.sql`(d."mentionsAll" OR ${query.mentioning}::uuid = ANY(d."mentionedUserIds"))`);
  }
  return where;
}

/** Whole-word matches of any included term, for ranking. plainto_tsquery never fails on odd input. */
function rank(terms: SearchTerm[]): Prisma.Sql {
  if (terms.length === 0) return Prisma.sql`0::float8`;
  const any = Prisma.join(
    terms.map((term) => Prisma.sql`plainto_tsquery('simple', ${term.text})`),
    ' || ',
  );
  return Prisma.sql`ts_rank_cd(to_tsvector('simple', d.body), ${any})::float8`;
}

export interface NewestKey {
  createdAt: string;
  messageId: string;
}

export interface FoundRow {
  messageId: string;
  createdAt: Date;
}

/** The month of `time` and the ones before and after it: their tokens, and when they start. */
function recentMonths(time: Date): { tokens: string[]; since: Date } {
  const month = (offset: number) => new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth() + offset, 1));
  return { tokens: [-1, 0, 1].map((offset) => monthToken(month(offset))), since: month(-1) };
}

function newestPage(db: Database, where: Prisma.Sql[], limit: number) {
  return db.$queryRaw<FoundRow[]>`
    SELECT d."messageId", d."createdAt"
    FROM "SearchDocument" d
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY d."createdAt" DESC, d."messageId" DESC
    LIMIT ${limit}`;
}

/**
 * How many matches are few enough to be read whole: newest first sorts up to `newest` of them
 * (more: the latest months are searched first, with the same result); relevance ranks up to
 * `relevance` of them (more: it ranks those of the latest months only).
 */
export interface WholeLimits {
  newest: number;
  relevance: number;
}
export const READ_WHOLE_MAX: WholeLimits = { newest: 200, relevance: 1000 };

/**
 * Newest first, from after `key` (keyset paging: stable while new messages arrive). A query
 * with fewer than `sortWholeMax` matches reads them all and sorts them. One with more (a common
 * word) looks in the month of the key (or now) and the ones around it first, and at the rest only
 * if they hold less than a page — a month of matches instead of years of them.
 */
export async function searchNewest(
  db: Database,
  query: EngineQuery,
  key: NewestKey | null,
  sortWholeMax = READ_WHOLE_MAX.newest,
): Promise<FoundRow[]> {
  const where = conditions(query);
  if (key) {
    where.push(
      Prisma.sql`(d."createdAt", d."messageId") < (${key.createdAt}::timestamp, ${key.messageId}::uuid)`,
    );
  }
  const few = await db.$queryRaw<(FoundRow & { matches: bigint })[]>`
    SELECT "messageId", "createdAt", count(*) OVER () AS matches
    FROM (
      SELECT d."messageId", d."createdAt" FROM "SearchDocument" d
      WHERE ${Prisma.join(where, ' AND ')}
      LIMIT ${sortWholeMax}
    ) found
    ORDER BY "createdAt" DESC, "messageId" DESC
    LIMIT ${query.limit + 1}`;
  if (few.length === 0 || Number(few[0]?.matches) < sortWholeMax) {
    return few.map(({ messageId, createdAt }) => ({ messageId, createdAt }));
  }

  const recent = recentMonths(key ? new Date(key.createdAt) : new Date());
  const since = recent.since.toISOString();
  const first = await newestPage(
    db,
    [
      ...where,
      Prisma.sql`d.tokens && ${recent.tokens}::text[]`,
      Prisma.sql`d."createdAt" >= ${since}::timestamp`,
    ],
    query.limit + 1,
  );
  if (first.length > query.limit) return first;
  const rest = await newestPage(
    db,
    [...where, Prisma.sql`d."createdAt" < ${since}::timestamp`],
    query.limit + 1 - first.length,
  );
  return [...first, ...rest];
}

function rankedPage(db: Database, query: EngineQuery, where: Prisma.Sql[], offset: number, rankMax: number) {
  return db.$queryRaw<(FoundRow & { matches: bigint })[]>`
    SELECT "messageId", "createdAt", count(*) OVER () AS matches
    FROM (
      SELECT d."messageId", d."createdAt", ${rank(query.include)} AS rank FROM "SearchDocument" d
      WHERE ${Prisma.join(where, ' AND ')}
      LIMIT ${rankMax}
    ) found
    ORDER BY rank DESC, "createdAt" DESC, "messageId" DESC
    LIMIT ${query.limit + 1} OFFSET ${offset}`;
}

/**
 * Best first, then newest; paged by offset. Ranking reads every match, so a query with more than
 * `rankMax` of them (a very common word, where relevance means little) ranks those of the
 * latest months only.
 */
export async function searchRelevant(
  db: Database,
  query: EngineQuery,
  offset: number,
  rankMax = READ_WHOLE_MAX.relevance,
): Promise<FoundRow[]> {
  const where = conditions(query);
  let rows = await rankedPage(db, query, where, offset, rankMax);
  if (Number(rows[0]?.matches ?? 0) >= rankMax) {
    const recent = recentMonths(new Date());
    rows = await rankedPage(
      db,
      query,
      [
        ...where,
        Prisma.sql`d.tokens && ${recent.tokens}::text[]`,
        Prisma.sql`d."createdAt" >= ${recent.since.toISOString()}::timestamp`,
      ],
      offset,
      rankMax,
    );
  }
  return rows.map(({ messageId, createdAt }) => ({ messageId, createdAt }));
}

/** Adds or replaces documents in one statement. */
export async function upsertDocuments(
  db: Database,
  documents: SearchDocument[],
  indexedAt: Date,
): Promise<void> {
  if (documents.length === 0) return;
  const rows = JSON.stringify(
    documents.map((doc) => ({
      ...doc,
      tokens: documentTokens(doc),
      createdAt: doc.createdAt.toISOString(),
      indexedAt: indexedAt.toISOString(),
    })),
  );
  await db.$executeRaw`
    INSERT INTO "SearchDocument" AS s
      ("messageId", "conversationId", "senderId", "createdAt", body, tokens, "hasLink", "hasFile",
       "mentionedUserIds", "mentionsAll", "changeSeq", "indexedAt")
    SELECT r.id, r."conversationId", r."senderId", r."createdAt", r.body, r.tokens, r."hasLink",
           r."hasFile", r."mentionedUserIds", r."mentionsAll", r."changeSeq", r."indexedAt"
    FROM jsonb_to_recordset(${rows}::jsonb) AS r(
      id uuid, "conversationId" uuid, "senderId" uuid, "createdAt" timestamp(3), body text, tokens text[],
      "hasLink" boolean, "hasFile" boolean, "mentionedUserIds" uuid[], "mentionsAll" boolean,
      "changeSeq" integer, "indexedAt" timestamp(3))
    ON CONFLICT ("messageId") DO UPDATE SET
      "conversationId" = EXCLUDED."conversationId",
      "senderId" = EXCLUDED."senderId",
      "createdAt" = EXCLUDED."createdAt",
      body = EXCLUDED.body,
      tokens = EXCLUDED.tokens,
      "hasLink" = EXCLUDED."hasLink",
      "hasFile" = EXCLUDED."hasFile",
      "mentionedUserIds" = EXCLUDED."mentionedUserIds",
      "mentionsAll" = EXCLUDED."mentionsAll",
      "changeSeq" = EXCLUDED."changeSeq",
      "indexedAt" = EXCLUDED."indexedAt"`;
}

export async function deleteDocuments(db: Database, messageIds: string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await db.$executeRaw`DELETE FROM "SearchDocument" WHERE "messageId" = ANY(${messageIds}::uuid[])`;
}

export async function selectIndexedBefore(db: Database, time: Date, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ messageId: string }[]>`
    SELECT "messageId" FROM "SearchDocument" WHERE "indexedAt" < ${time.toISOString()}::timestamp LIMIT ${limit}`;
  return rows.map((row) => row.messageId);
}

/** The engine's table is there (a failing query means the engine is down). */
export async function checkTable(db: Database): Promise<void> {
  await db.$queryRaw`SELECT 1 FROM "SearchDocument" LIMIT 1`;
}
