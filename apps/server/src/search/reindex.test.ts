import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { group } from '../test-support/fixtures.js';
import { found, indexed } from '../test-support/search.js';
import { newClientId, ok, useTestWorld } from '../test-support/test-world.js';
import { reindexAll } from './reindex.js';

const COMMAND = fileURLToPath(new URL('./reindex-command.ts', import.meta.url));

describe('reindex', () => {
  const world = useTestWorld();

  it('rebuilds the index from PostgreSQL: what is searchable is in, what is gone is out', async () => {
    const alice = await world.signUp('alice');
    const room = await group(world, alice, [], { name: 'Reindexing' });
    const socket = await world.connect(alice);
    const send = (body: string) =>
      ok(socket, 'message:send', { conversationId: room.id, clientId: newClientId(), body });
    const kept = [await send('walrus one'), await send('walrus two')];
    const doomed = await send('walrus three');
    await ok(socket, 'message:delete', { messageId: doomed.id });

    const { db, search } = world.server.context;
    // An index that lost everything, except a document of a message that no longer exists.
    await db.$executeRawUnsafe('DELETE FROM "SearchDocument"');
    await search.index([{ ...(await toDocument(doomed.id)), id: '0193a000-0000-7000-8000-0000000000ff' }]);
    expect(await found(world, alice, { query: 'walrus' })).toEqual([]);

    const progress: number[] = [];
    const result = await reindexAll(
      { db, search },
      { batchSize: 2, onProgress: ({ done }) => progress.push(done) },
    );
    expect(result).toMatchObject({ messages: await db.message.count(), indexed: 2, removed: 1 });
    expect(result.skipped).toBe(result.messages - 2);
    expect(progress.at(-1)).toBe(result.messages);
    expect(await found(world, alice, { query: 'walrus' })).toEqual(kept.map((m) => m.id).reverse());

    async function toDocument(id: string) {
      const row = await db.message.findUniqueOrThrow({ where: { id } });
      return { ...row, body: 'walrus ghost', hasLink: false, hasFile: false };
    }
  });

  it('runs as a command with a progress bar and a final count', async () => {
    const alice = await world.signUp('carol');
    const room = await group(world, alice, [], { name: 'Command' });
    const socket = await world.connect(alice);
    await indexed(
      world,
      await ok(socket, 'message:send', { conversationId: room.id, clientId: newClientId(), body: 'hi' }),
    );
    const total = await world.server.context.db.message.count();

    const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', COMMAND, '--batch-size', '10'],
        {
          env: { ...process.env, DATABASE_URL: world.databaseUrl },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('exit', (code) => resolve({ code, text }));
    });
    expect(output.code, output.text).toBe(0);
    expect(output.text).toContain('into postgres');
    expect(output.text).toMatch(new RegExp(`Reindexed ${total} messages in [\\d.]+ s`));
  });
});
