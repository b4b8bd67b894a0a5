import {
  parseSearchQuery,
  type SearchQuery,
  type SearchRequest,
  type SearchResult,
  type SearchResults,
} from '@confab/shared';
import type { z } from 'zod';
import type { Actor, ServerContext } from '../context.js';
import { DomainError } from '../platform/errors.js';
import { decodeCursor, encodeCursor, searchFingerprint } from './cursor.js';
import type { EngineHit, EngineQuery } from './engine.js';
import { searchScope, senderIds } from './scope.js';
import { makeSnippet } from './snippet.js';
import { timeRange } from './time-range.js';

const NOTHING: SearchResults = { results: [], nextCursor: null };

function parseOrRefuse(text: string): SearchQuery {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok) {
    throw new DomainError('bad_request', parsed.error.message, {
      issues: [{ path: ['query'], message: parsed.error.message }],
    });
  }
  return parsed.query;
}

/**
 * Loads what the results show from the messages' current rows, in the engine's order. A message
 * deleted since it was indexed (its job hasn't run yet) is left out, and so is anything outside
 * the scope — the engine already filtered by it; this is a second lock on the same door.
 */
async function toResults(
  ctx: ServerContext,
  hits: EngineHit[],
  scope: string[],
  query: SearchQuery,
): Promise<SearchResult[]> {
  if (hits.length === 0) return [];
  const rows = await ctx.db.message.findMany({
    where: {
      id: { in: hits.map((hit) => hit.messageId) },
      conversationId: { in: scope },
      kind: 'user',
      deletedAt: null,
    },
    select: {
      id: true,
      conversationId: true,
      seq: true,
      senderId: true,
      body: true,
      createdAt: true,
      editedAt: true,
      conversation: { select: { id: true, kind: true, name: true } },
      sender: { select: { id: true, username: true, displayName: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return hits.flatMap((hit) => {
    const row = byId.get(hit.messageId);
    if (!row) return [];
    return [
      {
        message: {
          id: row.id,
          conversationId: row.conversationId,
          seq: row.seq,
          senderId: row.senderId,
          createdAt: row.createdAt.toISOString(),
          editedAt: row.editedAt?.toISOString() ?? null,
        },
        conversation: row.conversation,
        sender: row.sender,
        snippet: hit.snippet ?? makeSnippet(row.body, query.include),
      },
    ];
  });
}

/**
 * POST /api/search: messages matching the query in the conversations the searcher is a member
 * of. The scope is computed here from memberships and applied by the engine in its own query.
 */
export async function searchMessages(
  ctx: ServerContext,
  actor: Actor,
  request: z.output<typeof SearchRequest>,
): Promise<SearchResults> {
  const query = parseOrRefuse(request.query);
  const fingerprint = searchFingerprint([
    ctx.search.name,
    request.query,
    request.sort,
    request.limit,
    request.utcOffsetMinutes,
  ]);
  const after = request.cursor === undefined ? null : decodeCursor(request.cursor, fingerprint);

  const conversationIds = await searchScope(ctx.db, actor.userId, query.in);
  if (conversationIds.length === 0) return NOTHING;
  const senders = query.from.length > 0 ? await senderIds(ctx.db, query.from) : null;
  if (senders?.length === 0) return NOTHING;
  const { since, until } = timeRange(query, request.utcOffsetMinutes);
  if (since && until && since >= until) return NOTHING;

  const engineQuery: EngineQuery = {
    include: query.include,
    exclude: query.exclude,
    conversationIds,
    senderIds: senders,
    since,
    until,
    hasLink: query.hasLink,
    hasFile: query.hasFile,
    mentioning: query.isMention ? actor.userId : null,
    sort: request.sort,
    limit: request.limit,
    after,
  };
  const page = await ctx.search.search(engineQuery).catch((error: unknown) => {
    if (error instanceof DomainError) throw error;
    // Meilisearch down, or a query the engine gave up on: the searcher can retry; nothing else is affected.
    ctx.log.error({ err: error, engine: ctx.search.name }, 'search engine failed');
    throw new DomainError('unavailable', 'search is unavailable right now; try again in a moment');
  });
  return {
    results: await toResults(ctx, page.hits, conversationIds, query),
    nextCursor: page.next === null ? null : encodeCursor(fingerprint, page.next),
  };
}
