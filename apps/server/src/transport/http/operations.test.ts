import { describe, expect, it } from 'vitest';
import { directConversation } from '../../test-support/fixtures.js';
import { newClientId, nextEvent, ok, useTestWorld } from '../../test-support/test-world.js';

const world = useTestWorld();

const metric = (text: string, name: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : Number.NaN;
};

async function scrape() {
  const response = await fetch(`${world.url}/metrics`);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

describe('operations endpoints', () => {
  it('/healthz answers while the process runs, /readyz once PostgreSQL and Redis answer', async () => {
    expect(await world.http('GET', '/healthz')).toEqual({ status: 200, body: { ok: true } });
    expect(await world.http('GET', '/readyz')).toEqual({
      status: 200,
      body: { ready: true, checks: { postgres: true, redis: true, accepting: true } },
    });
  });

  it('/metrics counts a sent and delivered message, the open connections and the delivery latency', async () => {
    const ana = await world.signUp('ana');
    const ben = await world.signUp('ben');
    const dm = await directConversation(world, ana, ben);
    const anaSocket = await world.connect(ana);
    const benSocket = await world.connect(ben);
    const before = await scrape();
    const received = nextEvent(benSocket, 'message:new');
    await ok(anaSocket, 'message:send', { conversationId: dm.id, clientId: newClientId(), body: 'counted' });
    await received;
    const after = await scrape();
    expect(metric(after, 'confab_messages_sent_total') - metric(before, 'confab_messages_sent_total')).toBe(
      1,
    );
    // Delivered to Ben's socket and to Ana's own.
    expect(
      metric(after, 'confab_messages_delivered_total') - metric(before, 'confab_messages_delivered_total'),
    ).toBe(2);
    expect(metric(after, 'confab_delivery_latency_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(metric(after, 'confab_connections')).toBeGreaterThanOrEqual(2);
    expect(after).toContain('process_resident_memory_bytes');
  });

  it('/readyz says not ready when Redis stops answering', async () => {
    const server = await world.startServer();
    server.context.redis.disconnect();
    const response = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ready: false, checks: { redis: false, postgres: true } });
    await server.close().catch(() => {});
  });
});
