import { z } from 'zod';
import type { Database } from '../platform/database/prisma.js';
import { badCursor } from './cursor.js';
import type { EnginePage, EngineQuery, SearchDocument, SearchEngine } from './engine.js';
import {
  checkTable,
  deleteDocuments,
  type FoundRow,
  READ_WHOLE_MAX,
  searchNewest,
  searchRelevant,
  selectIndexedBefore,
  upsertDocuments,
  type WholeLimits,
} from './postgres-sql.js';

const NewestCursor = z.strictObject({ createdAt: z.iso.datetime(), messageId: z.uuid() });
const RelevanceCursor = z.strictObject({ offset: z.number().int().min(0).max(100_000) });

/**
 * PostgreSQL full-text search (the embedded default): its index is the table "SearchDocument".
 * `readWholeMax` is for tests of the many-matches paths (postgres-sql.ts).
 */
export function createPostgresEngine(
  db: Database,
  options: { readWholeMax?: WholeLimits } = {},
): SearchEngine {
  const limits = options.readWholeMax ?? READ_WHOLE_MAX;
  function page(rows: FoundRow[], query: EngineQuery, next: (last: FoundRow) => unknown): EnginePage {
    const more = rows.length > query.limit;
    const hits = rows.slice(0, query.limit);
    const last = hits.at(-1);
    return {
      hits: hits.map((row) => ({ messageId: row.messageId })),
      next: more && last ? next(last) : null,
    };
  }

  return {
    name: 'postgres',
    async setup() {
      await checkTable(db);
    },
    async health() {
      return checkTable(db).then(
        () => true,
        () => false,
      );
    },
    async index(documents: SearchDocument[]) {
      await upsertDocuments(db, documents, new Date());
    },
    async remove(messageIds: string[]) {
      await deleteDocuments(db, messageIds);
    },
    idsIndexedBefore(time: Date, limit: number) {
      return selectIndexedBefore(db, time, limit);
    },
    async search(query: EngineQuery) {
      if (query.conversationIds.length === 0) return { hits: [], next: null };
      if (query.sort === 'relevance') {
        const after = query.after === null ? { offset: 0 } : RelevanceCursor.safeParse(query.after).data;
        if (!after) throw badCursor();
        const rows = await searchRelevant(db, query, after.offset, limits.relevance);
        return page(rows, query, () => ({ offset: after.offset + query.limit }));
      }
      const after = query.after === null ? null : NewestCursor.safeParse(query.after).data;
      if (after === undefined) throw badCursor();
      const rows = await searchNewest(db, query, after, limits.newest);
      return page(rows, query, (last) => ({
        createdAt: last.createdAt.toISOString(),
        messageId: last.messageId,
      }));
    },
    async close() {},
  };
}
