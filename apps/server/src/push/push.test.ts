import { conversationNotificationTag, type Session } from '@confab/shared';
import { describe, expect, it } from 'vitest';
import { directConversation, group } from '../test-support/fixtures.js';
import { type TestSubscription, usePushService, waitUntil } from '../test-support/push-service.js';
import {
  newClientId,
  ok,
  type TestSocket,
  type TestWorld,
  useTestWorld,
} from '../test-support/test-world.js';
import { conversationTopic } from './deliver.js';

const push = usePushService();
const world = useTestWorld({
  pushDelayMs: 600,
  pushRetryBaseMs: 100,
  pushTimeoutMs: 1_000,
  pushCaFile: push.caFile,
  pushEndpointHosts: '127.0.0.1',
});

let people = 0;
/** A new person (fresh rate limit and settings), signed in on one device. */
async function person(name: string, options: { role?: 'admin' | 'member' } = {}): Promise<Session> {
  people += 1;
  return world.signUp(`${name}${people}`, options);
}

/** The device of `session` subscribes to push, as the web app does after permission is granted. */
async function subscribed(session: Session): Promise<TestSubscription> {
  const subscription = push.subscribe();
  const response = await world.http('POST', '/api/push/subscriptions', {
    token: session.accessToken,
    body: subscription.json,
  });
  expect(response.status).toBe(204);
  return subscription;
}

/** Alice, connected, and Bob with a subscribed phone, in a direct conversation. */
async function aliceWithBobsPhone() {
  const alice = await person('alice');
  const bob = await person('bob');
  const dm = await directConversation(world, alice, bob);
  const bobPhone = await subscribed(bob);
  const aliceSocket = await world.connect(alice);
  return { alice, bob, dm, bobPhone, aliceSocket };
}

async function send(socket: TestSocket, conversationId: string, body: string) {
  return ok(socket, 'message:send', { conversationId, clientId: newClientId(), body });
}

/** Every push job has run: nothing waiting, delayed or active. */
async function pushJobsDone(w: TestWorld = world) {
  await waitUntil(async () => {
    const counts = await w.server.context.jobs.queues.push.getJobCounts(
      'waiting',
      'delayed',
      'active',
      'prioritized',
    );
    return Object.values(counts).every((n) => n === 0);
  }, 'the push queue is empty');
}

async function counter(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = world.server.context.metrics.registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value))
    .reduce((sum, v) => sum + v.value, 0);
}

describe('push notifications', () => {
  it('notifies an offline user once, with sender, text and the conversation’s topic', async () => {
    const { alice, bob, dm, bobPhone, aliceSocket } = await aliceWithBobsPhone();

    const message = await send(aliceSocket, dm.id, 'Lunch at noon?');

    await waitUntil(() => bobPhone.received().length > 0, 'Bob’s phone gets a notification');
    await pushJobsDone();
    expect(bobPhone.received()).toHaveLength(1);
    const [notification] = bobPhone.received();
    expect(notification?.payload).toEqual({
      type: 'message',
      conversationId: dm.id,
      messageId: message.id,
      seq: message.seq,
      title: alice.user.displayName,
      body: 'Lunch at noon?',
      tag: conversationNotificationTag(dm.id),
      count: 1,
    });
    expect(notification?.topic).toBe(conversationTopic(dm.id));
    expect(notification?.urgency).toBe('high');
    const vapid = await world.http<{ publicKey: string }>('GET', '/api/push/vapid-public-key', {
      token: bob.accessToken,
    });
    expect(notification?.authorization).toContain(`k=${vapid.body.publicKey}`);
  });

  it('collapses three quick messages into one notification', async () => {
    const { dm, bobPhone, aliceSocket } = await aliceWithBobsPhone();

    await send(aliceSocket, dm.id, 'one');
    await send(aliceSocket, dm.id, 'two');
    const third = await send(aliceSocket, dm.id, 'three');

    await waitUntil(() => bobPhone.received().length > 0, 'Bob’s phone gets a notification');
    await pushJobsDone();
    expect(bobPhone.received().map((r) => r.payload)).toEqual([
      expect.objectContaining({
        seq: third.seq,
        messageId: third.id,
        count: 3,
        body: '3 new messages\nthree',
      }),
    ]);
  });

  it('notifies of a message that arrived while the previous notification was being sent', async () => {
    const { dm, bobPhone, aliceSocket } = await aliceWithBobsPhone();
    bobPhone.answerSlowly(500);

    await send(aliceSocket, dm.id, 'first');
    await waitUntil(() => bobPhone.requests() === 1, 'the first notification is on its way');
    const second = await send(aliceSocket, dm.id, 'second');

    await waitUntil(() => bobPhone.received().length === 2, 'a second notification follows');
    await pushJobsDone();
    expect(bobPhone.received().map((r) => r.payload)).toEqual([
      expect.objectContaining({ count: 1, body: 'first' }),
      expect.objectContaining({ count: 2, messageId: second.id, body: '2 new messages\nsecond' }),
    ]);
  });

  it('sends nothing when the message is read on another device within the delay', async () => {
    const { bob, dm, bobPhone, aliceSocket } = await aliceWithBobsPhone();
    // Bob's laptop is open but idle: he counts as away, so the notification is queued.
    const laptop = await world.connect(await world.signIn(bob.user.username, 'Laptop'));
    await ok(laptop, 'presence:activity', { active: false });
    const readBefore = await counter('confab_push_dropped_total', { reason: 'read' });

    const message = await send(aliceSocket, dm.id, 'Are you there?');
    await ok(laptop, 'read:mark', { conversationId: dm.id, seq: message.seq });

    await waitUntil(
      async () => (await counter('confab_push_dropped_total', { reason: 'read' })) > readBefore,
      'the notification is dropped as read',
    );
    await pushJobsDone();
    expect(bobPhone.received()).toEqual([]);
  });

  it('respects muted and mentions-only conversations', async () => {
    const alice = await person('alice');
    const bob = await person('bob');
    const carol = await person('carol');
    const dm = await directConversation(world, alice, bob);
    const team = await group(world, alice, [bob, carol]);
    const bobPhone = await subscribed(bob);
    const aliceSocket = await world.connect(alice);
    const settings = (conversationId: string, notificationLevel: string) =>
      world.http('PATCH', `/api/conversations/${conversationId}/settings`, {
        token: bob.accessToken,
        body: { notificationLevel },
      });
    expect((await settings(dm.id, 'muted')).status).toBe(200);
    expect((await settings(team.id, 'mentions')).status).toBe(200);

    await send(aliceSocket, dm.id, 'muted: never shown');
    await send(aliceSocket, team.id, 'no mention here');
    const mention = await send(aliceSocket, team.id, `@${bob.user.username} please look`);

    await waitUntil(() => bobPhone.received().length > 0, 'Bob is notified of the mention');
    await pushJobsDone();
    expect(bobPhone.received().map((r) => r.payload)).toEqual([
      expect.objectContaining({
        conversationId: team.id,
        messageId: mention.id,
        count: 1,
        title: `${alice.user.displayName} in Team`,
        body: `@${bob.user.username} please look`,
      }),
    ]);
  });

  it('shows only what the preview setting allows: the user’s choice over the workspace’s', async () => {
    const admin = await person('admin', { role: 'admin' });
    const alice = await person('alice');
    const bob = await person('bob');
    const carol = await person('carol');
    const team = await group(world, alice, [bob, carol]);
    const bobPhone = await subscribed(bob);
    const carolPhone = await subscribed(carol);
    const aliceSocket = await world.connect(alice);
    const bobChoice = await world.http('PATCH', '/api/me/notifications', {
      token: bob.accessToken,
      body: { preview: 'sender' },
    });
    expect(bobChoice.status).toBe(200);
    const workspace = await world.http('PATCH', '/api/workspace/settings', {
      token: admin.accessToken,
      body: { notificationPreview: 'none' },
    });
    expect(workspace.status).toBe(200);

    try {
      await send(aliceSocket, team.id, 'the launch code is 1234');
      await waitUntil(
        () => bobPhone.received().length > 0 && carolPhone.received().length > 0,
        'Bob and Carol are notified',
      );
      const [toBob] = bobPhone.received();
      const [toCarol] = carolPhone.received();
      expect(toBob?.payload).toMatchObject({
        title: `${alice.user.displayName} in Team`,
        body: 'New message',
      });
      expect(toCarol?.payload).toMatchObject({ title: 'Confab', body: 'New message' });
      for (const received of [toBob, toCarol]) expect(received?.text).not.toContain('launch code');
      expect(toCarol?.text).not.toContain(alice.user.displayName);
    } finally {
      await world.http('PATCH', '/api/workspace/settings', {
        token: admin.accessToken,
        body: { notificationPreview: 'full' },
      });
    }
  });

  it('stays quiet in do-not-disturb, chosen or scheduled', async () => {
    const alice = await person('alice');
    const bob = await person('bob');
    const carol = await person('carol');
    const dave = await person('dave');
    const team = await group(world, alice, [bob, carol, dave]);
    const bobPhone = await subscribed(bob);
    const carolPhone = await subscribed(carol);
    const davePhone = await subscribed(dave);
    const aliceSocket = await world.connect(alice);
    await world.http('PATCH', '/api/me', { token: bob.accessToken, body: { status: 'dnd' } });
    const now = new Date();
    const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
    const schedule = await world.http('PATCH', '/api/me/notifications', {
      token: carol.accessToken,
      body: { dndSchedule: { start: (minute + 1430) % 1440, end: (minute + 10) % 1440, timeZone: 'UTC' } },
    });
    expect(schedule.status).toBe(200);
    const dndBefore = await counter('confab_push_dropped_total', { reason: 'dnd' });

    await send(aliceSocket, team.id, 'standup in 5');

    await waitUntil(() => davePhone.received().length > 0, 'Dave is notified');
    await pushJobsDone();
    expect(bobPhone.received()).toEqual([]);
    expect(carolPhone.received()).toEqual([]);
    expect(await counter('confab_push_dropped_total', { reason: 'dnd' })).toBe(dndBefore + 2);
  });

  it('never notifies the sender, even with all their devices away', async () => {
    const alice = await person('alice');
    const bob = await person('bob');
    const dm = await directConversation(world, alice, bob);
    const alicePhone = await subscribed(alice);
    const bobPhone = await subscribed(bob);
    const aliceSocket = await world.connect(alice);
    await ok(aliceSocket, 'presence:activity', { active: false });

    await send(aliceSocket, dm.id, 'sent while idle');

    await waitUntil(() => bobPhone.received().length > 0, 'Bob is notified');
    await pushJobsDone();
    expect(alicePhone.received()).toEqual([]);
  });

  it('does not notify a user who is active on another device', async () => {
    const alice = await person('alice');
    const bob = await person('bob');
    const carol = await person('carol');
    const team = await group(world, alice, [bob, carol]);
    const bobPhone = await subscribed(bob);
    const carolPhone = await subscribed(carol);
    await world.connect(await world.signIn(bob.user.username, 'Laptop'));
    const aliceSocket = await world.connect(alice);

    await send(aliceSocket, team.id, 'who is around?');

    await waitUntil(() => carolPhone.received().length > 0, 'Carol is notified');
    await pushJobsDone();
    expect(bobPhone.received()).toEqual([]);
  });

  it('tells the devices to clear a notification once the conversation is read', async () => {
    const { bob, dm, bobPhone, aliceSocket } = await aliceWithBobsPhone();
    const message = await send(aliceSocket, dm.id, 'ping');
    await waitUntil(() => bobPhone.received().length === 1, 'Bob is notified');

    const laptop = await world.connect(await world.signIn(bob.user.username, 'Laptop'));
    await ok(laptop, 'read:mark', { conversationId: dm.id, seq: message.seq });

    await waitUntil(() => bobPhone.received().length === 2, 'Bob’s phone hears of the read');
    expect(bobPhone.received()[1]?.payload).toEqual({
      type: 'read',
      conversationId: dm.id,
      readSeq: message.seq,
      tag: conversationNotificationTag(dm.id),
    });
    expect(bobPhone.received()[1]?.topic).toBe(conversationTopic(dm.id));
  });

  it('removes a subscription the push service says is gone (410)', async () => {
    const { dm, bobPhone, aliceSocket } = await aliceWithBobsPhone();
    bobPhone.answer(410);

    await send(aliceSocket, dm.id, 'hello?');

    const stored = () =>
      world.server.context.db.pushSubscription.count({ where: { endpoint: bobPhone.json.endpoint } });
    await waitUntil(async () => (await stored()) === 0, 'the subscription is removed');
    await pushJobsDone();
    expect(bobPhone.requests()).toBe(1);
    expect(await counter('confab_push_failed_total', { reason: 'gone' })).toBeGreaterThanOrEqual(1);
  });

  it('retries with backoff when the push service fails (500), without notifying twice', async () => {
    const { bob, dm, bobPhone, aliceSocket } = await aliceWithBobsPhone();
    const bobTablet = await subscribed(await world.signIn(bob.user.username, 'Tablet'));
    bobPhone.answer(500, 503);
    const failedBefore = await counter('confab_push_failed_total', { reason: 'server_error' });

    await send(aliceSocket, dm.id, 'eventually');

    await waitUntil(() => bobPhone.received().length === 1, 'the phone is notified on the third try');
    await pushJobsDone();
    expect(bobPhone.requests()).toBe(3);
    expect(bobTablet.received()).toHaveLength(1);
    expect(await counter('confab_push_failed_total', { reason: 'server_error' })).toBe(failedBefore + 2);
  });

  it('retries when the push service does not answer in time', async () => {
    const { dm, bobPhone, aliceSocket } = await aliceWithBobsPhone();
    bobPhone.answerSlowly(3_000);
    const timeoutsBefore = await counter('confab_push_failed_total', { reason: 'timeout' });

    await send(aliceSocket, dm.id, 'anyone?');

    await waitUntil(() => bobPhone.requests() === 2, 'a second try after the timeout');
    await pushJobsDone();
    expect(await counter('confab_push_failed_total', { reason: 'timeout' })).toBe(timeoutsBefore + 1);
  });

  it('does not retry other 4xx answers', async () => {
    const { dm, bobPhone, aliceSocket } = await aliceWithBobsPhone();
    bobPhone.answer(400);
    const rejectedBefore = await counter('confab_push_failed_total', { reason: 'rejected' });

    await send(aliceSocket, dm.id, 'malformed, says the service');

    await waitUntil(
      async () => (await counter('confab_push_failed_total', { reason: 'rejected' })) > rejectedBefore,
      'the push service refuses',
    );
    await pushJobsDone();
    expect(bobPhone.requests()).toBe(1);
    expect(
      await world.server.context.db.pushSubscription.count({ where: { endpoint: bobPhone.json.endpoint } }),
    ).toBe(1);
  });

  it('counts queued push jobs in /metrics', async () => {
    const metrics = await fetch(`${world.url}/metrics`).then((response) => response.text());
    expect(metrics).toContain('confab_job_queue_depth{queue="push"}');
    expect(metrics).toContain('confab_push_sent_total');
  });
});
