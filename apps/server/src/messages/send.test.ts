import type { Message } from '@confab/shared';
import { describe, expect, it } from 'vitest';
import { directConversation, group } from '../test-support/fixtures.js';
import { newClientId, nextEvent, ok, request, useTestWorld } from '../test-support/test-world.js';

const world = useTestWorld();

const storedMessages = (conversationId: string) =>
  world.server.context.db.message.findMany({
    where: { conversationId, kind: 'user' },
    orderBy: { seq: 'asc' },
  });

describe('sending a message', () => {
  it('gives 50 concurrent senders in one conversation seq 1..N with no gap and no duplicate', async () => {
    const people = await Promise.all(Array.from({ length: 5 }, (_, i) => world.signUp(`sender${i}`)));
    const team = await group(world, people[0]!, people.slice(1));
    const sockets = await Promise.all(
      Array.from({ length: 50 }, (_, i) => world.connect(people[i % people.length]!)),
    );
    const sent = await Promise.all(
      sockets.map((socket, i) =>
        ok(socket, 'message:send', {
          conversationId: team.id,
          clientId: newClientId(),
          body: `message ${i}`,
        }),
      ),
    );
    const all = await world.server.context.db.message.findMany({
      where: { conversationId: team.id },
      orderBy: { seq: 'asc' },
    });
    // seq 1 is the "conversation created" system message.
    expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(new Set(sent.map((m) => m.seq)).size).toBe(50);
    expect(new Set(all.map((m) => m.changeSeq)).size).toBe(51);
    const conversation = await world.server.context.db.conversation.findUniqueOrThrow({
      where: { id: team.id },
    });
    expect(conversation.lastSeq).toBe(51);
  });

  it('acknowledges with the stored message and delivers it to every member, the sender included', async () => {
    const ana = await world.signUp('ana');
    const ben = await world.signUp('ben');
    const dm = await directConversation(world, ana, ben);
    const anaSocket = await world.connect(ana);
    const benSocket = await world.connect(ben);
    const benReceives = nextEvent(benSocket, 'message:new');
    const anaReceives = nextEvent(anaSocket, 'message:new');
    const clientId = newClientId();
    const ack = await ok(anaSocket, 'message:send', { conversationId: dm.id, clientId, body: 'hello @ben' });
    expect(ack).toMatchObject({
      conversationId: dm.id,
      clientId,
      body: 'hello @ben',
      seq: 1,
      senderId: ana.user.id,
    });
    expect(ack.mentions.userIds).toEqual([ben.user.id]);
    expect(await benReceives).toEqual(ack);
    expect(await anaReceives).toEqual(ack);
    expect((await storedMessages(dm.id)).map((m) => m.id)).toEqual([ack.id]);
  });

  it('moves the sender’s own read cursor to the message they sent', async () => {
    const cy = await world.signUp('cy');
    const dee = await world.signUp('dee');
    const dm = await directConversation(world, cy, dee);
    const socket = await world.connect(cy);
    const message = await ok(socket, 'message:send', {
      conversationId: dm.id,
      clientId: newClientId(),
      body: 'hi',
    });
    const membership = await world.server.context.db.membership.findUniqueOrThrow({
      where: { conversationId_userId: { conversationId: dm.id, userId: cy.user.id } },
    });
    expect(membership.readSeq).toBe(message.seq);
  });

  it('quotes the parent of a reply by id and seq, and refuses a parent from another conversation', async () => {
    const eve = await world.signUp('eve');
    const fay = await world.signUp('fay');
    const gus = await world.signUp('gus');
    const one = await directConversation(world, eve, fay);
    const other = await directConversation(world, eve, gus);
    const socket = await world.connect(eve);
    const parent = await ok(socket, 'message:send', {
      conversationId: one.id,
      clientId: newClientId(),
      body: 'parent',
    });
    const reply = await ok(socket, 'message:send', {
      conversationId: one.id,
      clientId: newClientId(),
      body: 'reply',
      replyToId: parent.id,
    });
    expect(reply.replyTo).toEqual({ id: parent.id, seq: parent.seq });
    const refused = await request(socket, 'message:send', {
      conversationId: other.id,
      clientId: newClientId(),
      body: 'cross reply',
      replyToId: parent.id,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('a retried send with the same client id', () => {
  it('stores one message when retried one after another, and answers with the original', async () => {
    const hal = await world.signUp('hal');
    const ivy = await world.signUp('ivy');
    const dm = await directConversation(world, hal, ivy);
    const socket = await world.connect(hal);
    const clientId = newClientId();
    const first = await ok(socket, 'message:send', { conversationId: dm.id, clientId, body: 'once' });
    const again = await ok(socket, 'message:send', { conversationId: dm.id, clientId, body: 'once' });
    expect(again).toEqual(first);
    expect(await storedMessages(dm.id)).toHaveLength(1);
  });

  it('stores one message when the retries race each other from several devices', async () => {
    const jo = await world.signUp('jo');
    const kim = await world.signUp('kim');
    const dm = await directConversation(world, jo, kim);
    const devices = await Promise.all([
      world.connect(jo),
      world.connect(await world.signIn('jo', 'laptop')),
      world.connect(jo),
    ]);
    const clientId = newClientId();
    const answers: Message[] = await Promise.all(
      devices.flatMap((socket) =>
        Array.from({ length: 4 }, () =>
          ok(socket, 'message:send', { conversationId: dm.id, clientId, body: 'race' }),
        ),
      ),
    );
    expect(new Set(answers.map((m) => m.id)).size).toBe(1);
    expect(await storedMessages(dm.id)).toHaveLength(1);
    const conversation = await world.server.context.db.conversation.findUniqueOrThrow({
      where: { id: dm.id },
    });
    expect(conversation.lastSeq).toBe(1);
  });

  it('stores one message when retried after the server restarted', async () => {
    const lee = await world.signUp('lee');
    const max = await world.signUp('max');
    const dm = await directConversation(world, lee, max);
    const clientId = newClientId();
    const before = await ok(await world.connect(lee), 'message:send', {
      conversationId: dm.id,
      clientId,
      body: 'durable',
    });

    const restarted = await world.startServer();
    await world.server.close();
    const after = await ok(
      await world.connect(lee, { url: `http://127.0.0.1:${restarted.port}` }),
      'message:send',
      {
        conversationId: dm.id,
        clientId,
        body: 'durable',
      },
    );
    expect(after).toEqual(before);
    world.server = restarted;
    world.url = `http://127.0.0.1:${restarted.port}`;
    expect(await storedMessages(dm.id)).toHaveLength(1);
  });
});
