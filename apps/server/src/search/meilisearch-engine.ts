import type { SearchTerm, SnippetPart } from '@confab/shared';
import {
  type EnqueuedTaskPromise,
  type Filter,
  Meilisearch,
  MeilisearchApiError,
  type SearchParams,
  type Settings,
} from 'meilisearch';
import { z } from 'zod';
import { badCursor } from './cursor.js';
import type { EnginePage, EngineQuery, SearchDocument, SearchEngine } from './engine.js';

/** What Meilisearch stores per message. Times are epoch milliseconds, so they filter and sort. */
export interface MeiliDocument {
  id: string;
  conversationId: string;
  senderId: string;
  createdAt: number;
  body: string;
  hasLink: boolean;
  hasFile: boolean;
  /** Mentioned user ids, and "all" for @here/@all. */
  mentions: string[];
  changeSeq: number;
  indexedAt: number;
}

export const MEILI_SETTINGS: Settings = {
  searchableAttributes: ['body'],
  filterableAttributes: [
    'conversationId',
    'senderId',
    'createdAt',
    'hasLink',
    'hasFile',
    'mentions',
    'indexedAt',
  ],
  sortableAttributes: ['createdAt'],
  // "sort" first: newest-first really is newest first; without a sort it has no effect (relevance).
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
};

/** Highlight marks: private-use characters, removed from bodies before indexing, so they can't collide. */
const MARK_START = '\uE000';
const MARK_END = '\uE001';
const MARKS = /[\uE000\uE001]/g;

const TASK_WAIT = { timeout: 30_000, interval: 25 };

export function toMeiliDocument(doc: SearchDocument, indexedAt: Date): MeiliDocument {
  return {
    id: doc.id,
    conversationId: doc.conversationId,
    senderId: doc.senderId,
    createdAt: doc.createdAt.getTime(),
    body: doc.body.replace(MARKS, ''),
    hasLink: doc.hasLink,
    hasFile: doc.hasFile,
    mentions: [...doc.mentionedUserIds, ...(doc.mentionsAll ? ['all'] : [])],
    changeSeq: doc.changeSeq,
    indexedAt: indexedAt.getTime(),
  };
}

const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;
const list = (values: string[]) => `[${values.map(quote).join(', ')}]`;

/** The filter: the permission scope first, then every filter of the query; all must hold. */
export function meiliFilter(query: EngineQuery): Filter {
  const filter: string[] = [`conversationId IN ${list(query.conversationIds)}`];
  if (query.senderIds) filter.push(`senderId IN ${list(query.senderIds)}`);
  if (query.since) filter.push(`createdAt >= ${query.since.getTime()}`);
  if (query.until) filter.push(`createdAt < ${query.until.getTime()}`);
  if (query.hasLink) filter.push('hasLink = true');
  if (query.hasFile) filter.push('hasFile = true');
  if (query.mentioning) filter.push(`mentions IN ${list([query.mentioning, 'all'])}`);
  return filter;
}

function termText(term: SearchTerm): string {
  return term.kind === 'phrase' ? `"${term.text}"` : term.text;
}

/**
 * The query string: phrases in quotes, `-` before exclusions (Meilisearch ≥ 1.9). Meilisearch
 * matches the last word of a query as a prefix, so prefix terms go last (of several, only the
 * last one is a prefix).
 */
export function meiliQueryString(include: SearchTerm[], exclude: SearchTerm[]): string {
  const prefixes = include.filter((term) => term.kind === 'prefix');
  const others = include.filter((term) => term.kind !== 'prefix');
  return [
    ...others.map(termText),
    ...exclude.map((term) => `-${termText(term)}`),
    ...prefixes.map(termText),
  ].join(' ');
}

/** `_formatted.body` with marks → snippet parts. */
export function snippetFromFormatted(formatted: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let highlight = false;
  let text = '';
  const flush = () => {
    if (text) parts.push({ text, highlight });
    text = '';
  };
  for (const char of formatted.replace(/\s+/gu, ' ').trim()) {
    if (char === MARK_START || char === MARK_END) {
      flush();
      highlight = char === MARK_START;
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}

const OffsetCursor = z.strictObject({ offset: z.number().int().min(0).max(100_000) });

/** Before the first job created it, the index doesn't exist: nothing has been indexed yet. */
const isIndexMissing = (error: unknown) =>
  error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found';

async function settle(task: EnqueuedTaskPromise, what: string): Promise<void> {
  const done = await task.waitTask(TASK_WAIT);
  if (done.status !== 'succeeded') {
    throw new Error(`Meilisearch ${what}: task ${done.uid} ${done.status}: ${done.error?.message ?? ''}`);
  }
}

/**
 * Meilisearch (when MEILI_URL is set): typo tolerance, relevance, CJK segmentation. Permissions
 * are a filter on conversationId that the server builds from the searcher's memberships.
 */
export function createMeilisearchEngine(options: { url: string; key?: string | undefined; index: string }) {
  const client = new Meilisearch({ host: options.url, apiKey: options.key, timeout: 10_000 });
  const index = client.index<MeiliDocument>(options.index);

  const engine: SearchEngine = {
    name: 'meilisearch',
    async setup() {
      const created = await client.createIndex(options.index, { primaryKey: 'id' }).waitTask(TASK_WAIT);
      if (created.status === 'failed' && created.error?.code !== 'index_already_exists') {
        throw new Error(`Meilisearch: could not create index ${options.index}: ${created.error?.message}`);
      }
      await settle(index.updateSettings(MEILI_SETTINGS), 'settings');
    },
    health() {
      return client.isHealthy();
    },
    async index(documents: SearchDocument[]) {
      if (documents.length === 0) return;
      const now = new Date();
      await settle(
        index.addDocuments(
          documents.map((doc) => toMeiliDocument(doc, now)),
          { primaryKey: 'id' },
        ),
        'indexing',
      );
    },
    async remove(messageIds: string[]) {
      if (messageIds.length === 0) return;
      await settle(index.deleteDocuments(messageIds), 'removal');
    },
    async idsIndexedBefore(time: Date, limit: number) {
      const page = await index
        .getDocuments({ filter: `indexedAt < ${time.getTime()}`, fields: ['id'], limit })
        .catch((error: unknown) => {
          if (isIndexMissing(error)) return { results: [] };
          throw error;
        });
      return page.results.map((doc) => doc.id);
    },
    async search(query: EngineQuery): Promise<EnginePage> {
      if (query.conversationIds.length === 0) return { hits: [], next: null };
      const after = query.after === null ? { offset: 0 } : OffsetCursor.safeParse(query.after).data;
      if (!after) throw badCursor();
      const params: SearchParams = {
        filter: meiliFilter(query),
        offset: after.offset,
        limit: query.limit + 1,
        matchingStrategy: 'all',
        attributesToRetrieve: ['id', 'body'],
        attributesToHighlight: ['body'],
        attributesToCrop: ['body'],
        cropLength: 32,
        cropMarker: '…',
        highlightPreTag: MARK_START,
        highlightPostTag: MARK_END,
        ...(query.sort === 'newest' ? { sort: ['createdAt:desc'] } : {}),
      };
      const response = await index
        .search(meiliQueryString(query.include, query.exclude), params)
        .catch((error: unknown) => {
          if (isIndexMissing(error)) return { hits: [] };
          throw error;
        });
      const hits = response.hits.slice(0, query.limit).map((hit) => ({
        messageId: hit.id,
        ...(hit._formatted?.body ? { snippet: snippetFromFormatted(hit._formatted.body) } : {}),
      }));
      const more = response.hits.length > query.limit;
      return { hits, next: more ? { offset: after.offset + query.limit } : null };
    },
    async close() {},
  };
  return engine;
}
