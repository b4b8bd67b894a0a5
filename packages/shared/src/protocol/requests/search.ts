import { z } from 'zod';
import { parseSearchQuery, SEARCH_QUERY_MAX_CHARS } from '../../search/query.js';
import { LIMITS } from '../limits.js';
import { ConversationKind, Id, Seq, Timestamp } from '../primitives.js';

export const SearchSort = z.enum(['newest', 'relevance']);
export type SearchSort = z.infer<typeof SearchSort>;

/**
 * POST /api/search. `query` is in Confab's query language (`packages/shared/src/search/query.ts`);
 * a query that doesn't parse is refused with the parser's message. `cursor` is the previous
 * page's `nextCursor`, with the same query and sort.
 */
export const SearchRequest = z.strictObject({
  query: z
    .string()
    .max(SEARCH_QUERY_MAX_CHARS, `at most ${SEARCH_QUERY_MAX_CHARS} characters`)
    .superRefine((text, ctx) => {
      const parsed = parseSearchQuery(text);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error.message });
    }),
  sort: SearchSort.default('newest'),
  cursor: z.string().min(1).max(LIMITS.searchCursorMaxChars).optional(),
  limit: z.number().int().min(1).max(LIMITS.searchPageMax).default(20),
  /** The searcher's offset from UTC in minutes (UTC+2 → 120): `on:2025-01-31` is their day. */
  utcOffsetMinutes: z
    .number()
    .int()
    .min(-14 * 60)
    .max(14 * 60)
    .default(0),
});
export type SearchRequest = z.input<typeof SearchRequest>;

/** A piece of a result's snippet; the pieces with `highlight` are what matched. */
export const SnippetPart = z.object({ text: z.string(), highlight: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPart>;

/** One message found. Open it with `history:fetch { conversationId, aroundSeq: seq }`. */
export const SearchResult = z.object({
  message: z.object({
    id: Id,
    conversationId: Id,
    seq: Seq,
    senderId: Id,
    createdAt: Timestamp,
    editedAt: Timestamp.nullable(),
  }),
  conversation: z.object({ id: Id, kind: ConversationKind, name: z.string().nullable() }),
  sender: z.object({ id: Id, username: z.string(), displayName: z.string() }),
  /** An excerpt of the message around what matched, `…` where it was cut. */
  snippet: z.array(SnippetPart),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchResults = z.object({
  results: z.array(SearchResult),
  /** Pass it back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type SearchResults = z.infer<typeof SearchResults>;
