import { describe, expect, it } from 'vitest';
import { directConversation } from '../test-support/fixtures.js';
import { spawnServerProcess } from '../test-support/server-process.js';
import { newClientId, nextEvent, ok, PASSWORD, useTestWorld } from '../test-support/test-world.js';

const world = useTestWorld();

describe('the server’s logs', () => {
  it('are JSON lines with request and connection ids, and never contain a password or a token', async () => {
    const node = await spawnServerProcess({
      DATABASE_URL: world.databaseUrl,
      REDIS_URL: world.redisUrl,
      AUTH_SECRET: world.server.config.authSecret,
      LOG_LEVEL: 'trace',
    });
    await world.signUp('ana');
    const ben = await world.signUp('ben');
    const login = await fetch(`${node.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ana', password: PASSWORD, deviceName: 'Laptop' }),
    });
    const session = await login.json();
    const wrong = await fetch(`${node.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ana', password: 'a wrong secret password' }),
    });
    expect(wrong.status).toBe(401);
    await fetch(`${node.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    const dm = await directConversation(world, session, ben);
    const socket = await world.connect(session, { url: node.url });
    const benSocket = await world.connect(ben, { url: node.url });
    const arrived = nextEvent(benSocket, 'message:new');
    await ok(socket, 'message:send', { conversationId: dm.id, clientId: newClientId(), body: 'hello' });
    await arrived;
    await ok(socket, 'message:send', {
      conversationId: 'not a uuid',
      clientId: newClientId(),
      body: 'x',
    } as never).catch(() => {});
    await node.stop();

    const lines = node.output().trim().split('\n').filter(Boolean);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.some((r) => typeof r.reqId === 'string')).toBe(true);
    expect(records.some((r) => typeof r.socketId === 'string')).toBe(true);
    const everything = node.output();
    for (const secret of [PASSWORD, 'a wrong secret password', session.accessToken, session.refreshToken]) {
      expect(everything).not.toContain(secret);
    }
  });
});
