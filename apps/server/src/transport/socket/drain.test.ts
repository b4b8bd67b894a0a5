import type { Message } from '@confab/shared';
import { describe, expect, it } from 'vitest';
import { directConversation } from '../../test-support/fixtures.js';
import { spawnServerProcess } from '../../test-support/server-process.js';
import { newClientId, request, useTestWorld } from '../../test-support/test-world.js';

const world = useTestWorld();

describe('graceful drain on SIGTERM', () => {
  it('stops accepting, disconnects clients, finishes in-flight sends and loses no acknowledged message', async () => {
    const ana = await world.signUp('ana');
    const ben = await world.signUp('ben');
    const dm = await directConversation(world, ana, ben);
    const node = await spawnServerProcess({
      DATABASE_URL: world.databaseUrl,
      REDIS_URL: world.redisUrl,
      AUTH_SECRET: world.server.config.authSecret,
      DRAIN_TIMEOUT_MS: '2000',
      RATE_LIMIT_SENDS_PER_10S: '100000',
    });
    const socket = await world.connect(ana, { url: node.url });
    const disconnected = new Promise<string>((resolve) =>
      socket.once('disconnect', (reason) => resolve(reason)),
    );

    const acked: Message[] = [];
    let sending = true;
    const sender = (async () => {
      for (let i = 0; sending && i < 5_000; i++) {
        const answer = await request(socket, 'message:send', {
          conversationId: dm.id,
          clientId: newClientId(),
          body: `in flight ${i}`,
        }).catch(() => null);
        if (answer?.ok) acked.push(answer.data);
        if (!socket.connected) break;
      }
    })();
    while (acked.length < 20) await new Promise((resolve) => setTimeout(resolve, 10));

    const stoppedAt = Date.now();
    const exited = node.stop();
    expect(await disconnected).toBe('io server disconnect');
    sending = false;
    await sender;
    await exited;
    expect(Date.now() - stoppedAt).toBeLessThan(8_000);

    const stored = await world.server.context.db.message.findMany({
      where: { id: { in: acked.map((m) => m.id) } },
      select: { id: true },
    });
    expect(stored).toHaveLength(acked.length);
    const refused = await fetch(`${node.url}/healthz`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
  });
});
