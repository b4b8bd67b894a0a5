import type { Database } from '../platform/database/prisma.js';
import { indexableSelect, isSearchable, toSearchDocument } from './document.js';
import type { SearchEngine } from './engine.js';

export interface IndexingDeps {
  db: Database;
  search: SearchEngine;
}

const MAX_ROUNDS = 5;

async function currentChangeSeq(db: Database, messageId: string): Promise<number | null> {
  const row = await db.message.findUnique({ where: { id: messageId }, select: { changeSeq: true } });
  return row?.changeSeq ?? null;
}

/**
 * The `index-message` job: makes the index agree with the message's current row — indexed if it
 * is searchable, removed if it was deleted or is gone. It never uses what the job was enqueued
 * with, so a late or repeated job can't write stale text. Two jobs of one message may still write
 * in the wrong order (the older read landing last), so after writing it checks that the row did not
 * change meanwhile, and goes again if it did.
 */
export async function indexMessage(deps: IndexingDeps, messageId: string): Promise<'indexed' | 'removed'> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const row = await deps.db.message.findUnique({ where: { id: messageId }, select: indexableSelect });
    const searchable = row !== null && isSearchable(row);
    if (searchable) await deps.search.index([toSearchDocument(row)]);
    else await deps.search.remove([messageId]);
    if ((await currentChangeSeq(deps.db, messageId)) === (row?.changeSeq ?? null)) {
      return searchable ? 'indexed' : 'removed';
    }
  }
  throw new Error(`message ${messageId} kept changing while it was being indexed`);
}
