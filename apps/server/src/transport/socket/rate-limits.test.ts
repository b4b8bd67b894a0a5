import { PROTOCOL_VERSION } from '@confab/shared';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { directConversation } from '../../test-support/fixtures.js';
import { newClientId, ok, PASSWORD, request, useTestWorld } from '../../test-support/test-world.js';

const world = useTestWorld({
  rateLimitSendsPer10s: 3,
  rateLimitLoginsPerMinute: 3,
  rateLimitConnectionsPerMinute: 6,
});

describe('rate limits', () => {
  it('refuse a sender past the limit with rate_limited and when to retry, and store nothing', async () => {
    const ana = await world.signUp('ana');
    const ben = await world.signUp('ben');
    const dm = await directConversation(world, ana, ben);
    const socket = await world.connect(ana);
    for (let i = 0; i < 3; i++) {
      await ok(socket, 'message:send', { conversationId: dm.id, clientId: newClientId(), body: `ok ${i}` });
    }
    const refused = await request(socket, 'message:send', {
      conversationId: dm.id,
      clientId: newClientId(),
      body: 'one too many',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', retryAfterMs: expect.any(Number) },
    });
    if (!refused.ok) expect(refused.error.retryAfterMs).toBeGreaterThan(0);
    expect(await world.server.context.db.message.count({ where: { conversationId: dm.id } })).toBe(3);
  });

  it('refuse repeated sign-ins with 429 and a Retry-After header', async () => {
    await world.signUp('cy'); // one sign-in
    const attempt = () =>
      fetch(`${world.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'cy', password: 'wrong password' }),
      });
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: 'rate_limited' });
    const right = await fetch(`${world.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cy', password: PASSWORD }),
    });
    expect(right.status).toBe(429);
  });

  it('refuse too many new connections from one address', async () => {
    const dee = await world.signUp('dee');
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const socket = io(world.url, {
        auth: { token: dee.accessToken, protocolVersion: PROTOCOL_VERSION },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      outcomes.push(
        await new Promise<string>((resolve) => {
          socket.once('connect', () => resolve('connected'));
          socket.once('connect_error', (error) => resolve(error.message));
        }),
      );
      socket.disconnect();
    }
    expect(outcomes).toContain('rate_limited');
    expect(outcomes.indexOf('rate_limited')).toBeLessThanOrEqual(6);
  });
});
