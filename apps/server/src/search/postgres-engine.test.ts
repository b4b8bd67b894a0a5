import { describe, expect, it } from 'vitest';
import { group } from '../test-support/fixtures.js';
import { engineQuery, indexed } from '../test-support/search.js';
import { newClientId, ok, useTestWorld } from '../test-support/test-world.js';
import type { EngineQuery, SearchEngine } from './engine.js';
import { indexMessage } from './index-message.js';
import { createPostgresEngine } from './postgres-engine.js';

describe('the PostgreSQL engine with many matches', () => {
  const world = useTestWorld();

  it('pages newest first through the latest months, then the rest, like it sorts a few', async () => {
    const alice = await world.signUp('alice');
    const room = await group(world, alice, [], { name: 'Months' });
    const socket = await world.connect(alice);
    const { db } = world.server.context;
    // Spread over this month, last month, three months ago and two years ago.
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000);
    const times = [0, 0, 20, 35, 40, 95, 100, 730, 731].map(ago);
    for (const [i, time] of times.entries()) {
      const message = await ok(socket, 'message:send', {
        conversationId: room.id,
        clientId: newClientId(),
        body: `common word number ${i}`,
      });
      await indexed(world, message);
      await db.message.update({ where: { id: message.id }, data: { createdAt: time } });
      await indexMessage(world.server.context, message.id);
    }

    const query = (after: unknown): EngineQuery =>
      engineQuery({
        include: [{ kind: 'word', text: 'common' }],
        conversationIds: [room.id],
        limit: 2,
        after,
      });
    const pages = async (engine: SearchEngine) => {
      const ids: string[][] = [];
      let after: unknown = null;
      do {
        const page = await engine.search(query(after));
        ids.push(page.hits.map((hit) => hit.messageId));
        after = page.next;
      } while (after !== null);
      return ids;
    };

    const sorted = await pages(createPostgresEngine(db));
    const windowed = await pages(createPostgresEngine(db, { readWholeMax: { newest: 1, relevance: 1 } }));
    expect(windowed).toEqual(sorted);
    expect(sorted.flat()).toHaveLength(times.length);
    const rows = await db.message.findMany({
      where: { id: { in: sorted.flat() } },
      select: { id: true, createdAt: true },
    });
    const createdAt = new Map(rows.map((row) => [row.id, row.createdAt.getTime()]));
    const order = sorted.flat().map((id) => createdAt.get(id)!);
    expect(order).toEqual([...order].sort((a, b) => b - a));

    // By relevance, a query with very many matches (here: 3) ranks some of the latest months' only.
    const now = new Date();
    const since = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
    const ranked = await createPostgresEngine(db, { readWholeMax: { newest: 1, relevance: 3 } }).search({
      ...query(null),
      sort: 'relevance',
      limit: 20,
    });
    const recent = times.filter((time) => time.getTime() >= since).length;
    expect(ranked.hits).toHaveLength(Math.min(recent, 3));
    for (const hit of ranked.hits) expect(createdAt.get(hit.messageId)!).toBeGreaterThanOrEqual(since);
    const all = await createPostgresEngine(db).search({ ...query(null), sort: 'relevance', limit: 20 });
    expect(all.hits).toHaveLength(times.length);
  });
});
