import type { Message } from '@confab/shared';
import { describe, expect, it } from 'vitest';
import { group } from '../test-support/fixtures.js';
import { engineQuery, found, indexed } from '../test-support/search.js';
import { newClientId, ok, useTestWorld } from '../test-support/test-world.js';
import type { SearchEngine } from './engine.js';
import { indexMessage } from './index-message.js';

describe('the index-message job', () => {
  const world = useTestWorld();

  async function setUp(username: string) {
    const alice = await world.signUp(username);
    const room = await group(world, alice, [], { name: `${username}'s room` });
    const socket = await world.connect(alice);
    return { alice, room, socket };
  }

  it('ends with the newest text when the message changed while it was being written', async () => {
    const { alice, room, socket } = await setUp('alice');
    const message = await ok(socket, 'message:send', {
      conversationId: room.id,
      clientId: newClientId(),
      body: 'alpha plan',
    });
    await indexed(world, message);
    const { db, search } = world.server.context;

    // This job read "alpha"; before it writes, the message is edited and the edit's job finishes.
    let edit: Promise<void> | undefined;
    const slow: SearchEngine = {
      ...search,
      async index(documents) {
        edit ??= (async () => {
          const edited: Message = await ok(socket, 'message:edit', {
            messageId: message.id,
            body: 'beta plan',
          });
          await indexed(world, edited);
        })();
        await edit;
        await search.index(documents);
      },
    };
    expect(await indexMessage({ db, search: slow }, message.id)).toBe('indexed');

    expect(await found(world, alice, { query: 'beta' })).toEqual([message.id]);
    expect(await found(world, alice, { query: 'alpha' })).toEqual([]);
  });

  it('removes a message that no longer exists', async () => {
    const { alice, room, socket } = await setUp('bob');
    const message = await ok(socket, 'message:send', {
      conversationId: room.id,
      clientId: newClientId(),
      body: 'gamma ray',
    });
    await indexed(world, message);
    const { db, search } = world.server.context;
    await db.message.delete({ where: { id: message.id } });
    expect(await indexMessage({ db, search }, message.id)).toBe('removed');
    expect(
      await search.search(
        engineQuery({ include: [{ kind: 'word', text: 'gamma' }], conversationIds: [room.id], limit: 10 }),
      ),
    ).toEqual({ hits: [], next: null });
    expect(await found(world, alice, { query: 'gamma' })).toEqual([]);
  });
});
