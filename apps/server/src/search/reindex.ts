import { indexableSelect, isSearchable, toSearchDocument } from './document.js';
import { type IndexingDeps, indexMessage } from './index-message.js';

export interface ReindexProgress {
  /** Messages read so far, of `total` (counted at the start). */
  done: number;
  total: number;
}

export interface ReindexResult {
  /** Messages read from PostgreSQL. */
  messages: number;
  /** Of those, searchable and now in the index. */
  indexed: number;
  /** Of those, not searchable (deleted, or system messages): not in the index. */
  skipped: number;
  /** Documents of messages that no longer exist, removed. */
  removed: number;
  seconds: number;
}

/**
 * Rebuilds the index from PostgreSQL in batches, in id (= time) order. Safe while servers run:
 * a message that changes while its batch is written is indexed again from its current row (as
 * the index job does), and jobs keep running meanwhile. At the end, documents that no full pass
 * touched — their messages are gone — are removed.
 */
export async function reindexAll(
  deps: IndexingDeps,
  options: { batchSize?: number; onProgress?: (progress: ReindexProgress) => void } = {},
): Promise<ReindexResult> {
  const batchSize = options.batchSize ?? 1000;
  const started = Date.now();
  const startedAt = new Date(started);
  await deps.search.setup();
  const total = await deps.db.message.count();
  const result: ReindexResult = { messages: 0, indexed: 0, skipped: 0, removed: 0, seconds: 0 };

  let lastId: string | undefined;
  for (;;) {
    const rows = await deps.db.message.findMany({
      where: lastId ? { id: { gt: lastId } } : {},
      orderBy: { id: 'asc' },
      take: batchSize,
      select: indexableSelect,
    });
    if (rows.length === 0) break;
    lastId = rows.at(-1)?.id;
    const live = rows.filter(isSearchable);
    const gone = rows.filter((row) => !isSearchable(row)).map((row) => row.id);
    await deps.search.index(live.map(toSearchDocument));
    await deps.search.remove(gone);

    // Changed while this batch was written: a job may have indexed the newer text before this
    // batch overwrote it. Index those again from their current rows.
    const now = await deps.db.message.findMany({
      where: { id: { in: rows.map((row) => row.id) } },
      select: { id: true, changeSeq: true },
    });
    const current = new Map(now.map((row) => [row.id, row.changeSeq]));
    for (const row of rows) {
      if (current.get(row.id) !== row.changeSeq) await indexMessage(deps, row.id);
    }

    result.messages += rows.length;
    result.indexed += live.length;
    result.skipped += gone.length;
    options.onProgress?.({ done: result.messages, total: Math.max(total, result.messages) });
  }

  // What this pass didn't touch: index it again if its message is searchable, remove it if not.
  for (;;) {
    const stale = await deps.search.idsIndexedBefore(startedAt, batchSize);
    if (stale.length === 0) break;
    for (const id of stale) {
      if ((await indexMessage(deps, id)) === 'removed') result.removed += 1;
    }
  }

  result.seconds = (Date.now() - started) / 1000;
  return result;
}
