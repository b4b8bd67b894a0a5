import type { Session } from '@confab/shared';
import { describe, expect, it } from 'vitest';
import { directConversation } from '../test-support/fixtures.js';
import { type TestSubscription, usePushService, waitUntil } from '../test-support/push-service.js';
import { newClientId, ok, useTestWorld } from '../test-support/test-world.js';

const push = usePushService();
const world = useTestWorld({
  pushDelayMs: 200,
  pushRateLimitPerMinute: 2,
  pushRateWindowMs: 2_000,
  pushCaFile: push.caFile,
  pushEndpointHosts: '127.0.0.1',
});

async function subscribed(session: Session): Promise<TestSubscription> {
  const subscription = push.subscribe();
  await world.http('POST', '/api/push/subscriptions', {
    token: session.accessToken,
    body: subscription.json,
  });
  return subscription;
}

describe('push rate limit', () => {
  it('sends at most N notifications per window and folds the rest into one summary', async () => {
    const bob = await world.signUp('bob');
    const bobPhone = await subscribed(bob);
    const senders = await Promise.all(['alice', 'carol', 'dave', 'erin'].map((name) => world.signUp(name)));
    const conversations = await Promise.all(
      senders.map(async (sender) => (await directConversation(world, sender, bob)).id),
    );
    const sockets = await Promise.all(senders.map((sender) => world.connect(sender)));

    await Promise.all(
      sockets.map((socket, i) =>
        ok(socket, 'message:send', {
          conversationId: conversations[i]!,
          clientId: newClientId(),
          body: 'hi',
        }),
      ),
    );

    await waitUntil(() => bobPhone.received().length === 3, 'two notifications and a summary');
    const payloads = bobPhone.received().map((r) => r.payload);
    const messages = payloads.filter((p) => p.type === 'message');
    const summary = payloads.find((p) => p.type === 'summary');
    expect(messages).toHaveLength(2);
    expect(summary).toMatchObject({ title: 'Confab', body: '2 new messages in 2 conversations', count: 2 });
    const notified = messages.map((m) => (m.type === 'message' ? m.conversationId : ''));
    expect([...notified, ...(summary?.type === 'summary' ? summary.conversationIds : [])].sort()).toEqual(
      [...conversations].sort(),
    );
  });
});
