import type { Message } from '@confab/shared';
import { describe, expect, it } from 'vitest';
import { sendMessage } from '../messages/send.js';
import type { EventPublisher } from '../platform/events.js';
import { startDevice, until } from '../test-support/devices.js';
import { directConversation, group } from '../test-support/fixtures.js';
import { newClientId, useTestWorld } from '../test-support/test-world.js';

const world = useTestWorld();

const userMessages = (messages: readonly Message[] | undefined) =>
  (messages ?? []).filter((m) => m.kind === 'user');

describe('a device that was offline', () => {
  it('catches up to exactly the state of a device that stayed online', async () => {
    const ana = await world.signUp('ana');
    const ben = await world.signUp('ben');
    const cy = await world.signUp('cy');
    const dm = await directConversation(world, ana, ben);
    const team = await group(world, ben, [ana, cy], { name: 'Team' });

    const online = await startDevice(world, ana);
    const offline = await startDevice(world, await world.signIn('ana', 'Phone'));
    const benDevice = await startDevice(world, ben);
    const cyDevice = await startDevice(world, cy);

    benDevice.client.send(dm.id, 'hello before');
    benDevice.client.send(team.id, 'team hello before');
    await until(
      offline.client,
      () => userMessages(offline.client.conversation(team.id)?.messages).length === 1,
    );
    const early = userMessages(offline.client.conversation(dm.id)?.messages)[0]!;

    await offline.client.stop();

    // While the phone is offline: new messages, an edit, a delete, reactions, a new group, a read.
    benDevice.client.send(dm.id, 'are you there?');
    benDevice.client.send(dm.id, 'typo here');
    cyDevice.client.send(team.id, '@ana please review');
    await until(online.client, () => userMessages(online.client.conversation(dm.id)?.messages).length === 3);
    const [, , typo] = userMessages(online.client.conversation(dm.id)?.messages);
    await benDevice.client.edit(typo!.id, 'typo fixed');
    await benDevice.client.react(early.id, '👋');
    await online.client.react(early.id, '🎉');
    await benDevice.client.remove(userMessages(benDevice.client.conversation(dm.id)?.messages)[1]!.id);
    const later = await group(world, cy, [ana], { name: 'Later' });
    cyDevice.client.send(later.id, 'welcome');
    await until(
      online.client,
      () => userMessages(online.client.conversation(team.id)?.messages).length === 2,
    );
    await online.client.markRead(team.id);
    online.client.send(dm.id, 'answering from the laptop');

    await until(
      online.client,
      () => userMessages(online.client.conversation(later.id)?.messages).length === 1,
    );
    await until(online.client, () => online.client.conversation(dm.id)?.pending.length === 0);
    await offline.restart();

    // Wait for the stores to converge; if they never do, the assertion below shows how they differ.
    await until(
      offline.client,
      () => JSON.stringify(offline.client.snapshot()) === JSON.stringify(online.client.snapshot()),
    ).catch(() => {});
    expect(offline.client.snapshot()).toEqual(online.client.snapshot());

    // And the state they agree on is the right one.
    const dmMessages = userMessages(offline.client.conversation(dm.id)?.messages);
    expect(dmMessages.map((m) => m.body)).toEqual([
      'hello before',
      '',
      'typo fixed',
      'answering from the laptop',
    ]);
    expect(dmMessages[1]?.deletedAt).not.toBeNull();
    expect(dmMessages[0]?.reactions.map((r) => r.emoji).sort()).toEqual(['🎉', '👋']);
    expect(offline.client.conversation(later.id)?.state.name).toBe('Later');
    expect(offline.client.conversation(team.id)?.unread).toEqual({ count: 0, mentions: 0 });
    expect(offline.client.snapshot().conversations[team.id]?.readSeq).toBe(
      online.client.conversation(team.id)?.state.lastSeq,
    );
    for (const device of [online, offline, benDevice, cyDevice]) device.client.stop();
  });

  it('sees a conversation marked unread on another device while it was away', async () => {
    const gia = await world.signUp('gia');
    const kit = await world.signUp('kit');
    const dm = await directConversation(world, gia, kit);
    const laptop = await startDevice(world, gia);
    const phone = await startDevice(world, await world.signIn('gia', 'Phone'));
    const benDevice = await startDevice(world, kit);
    for (const body of ['one', 'two', 'three']) benDevice.client.send(dm.id, body);
    await until(phone.client, () => userMessages(phone.client.conversation(dm.id)?.messages).length === 3);
    await phone.client.markRead(dm.id);
    await until(laptop.client, () => laptop.client.conversation(dm.id)?.unread.count === 0);

    await phone.client.stop();
    const second = userMessages(laptop.client.conversation(dm.id)?.messages)[1]!;
    await laptop.client.markUnread(dm.id, second.seq);
    await phone.restart();

    // The cursor moved back (a lower readSeq than the phone held): the newer one all the same.
    await until(phone.client, () => phone.client.conversation(dm.id)?.unread.count === 2).catch(() => {});
    expect(phone.client.conversation(dm.id)?.unread).toMatchObject({ count: 2 });
    expect(phone.client.conversation(dm.id)?.state.me.readSeq).toBe(second.seq - 1);
  });

  it('sends what was written while offline on reconnect, once each, in order', async () => {
    const dee = await world.signUp('dee');
    const eve = await world.signUp('eve');
    const dm = await directConversation(world, dee, eve);
    const deeDevice = await startDevice(world, dee);
    const eveDevice = await startDevice(world, eve);

    await deeDevice.client.stop();
    deeDevice.client.send(dm.id, 'written offline 1');
    deeDevice.client.send(dm.id, 'written offline 2');
    expect(deeDevice.client.conversation(dm.id)?.pending.map((p) => p.body)).toEqual([
      'written offline 1',
      'written offline 2',
    ]);
    await deeDevice.restart();

    await until(
      eveDevice.client,
      () => userMessages(eveDevice.client.conversation(dm.id)?.messages).length === 2,
    );
    await until(deeDevice.client, () => deeDevice.client.conversation(dm.id)?.pending.length === 0);
    expect(userMessages(eveDevice.client.conversation(dm.id)?.messages).map((m) => m.body)).toEqual([
      'written offline 1',
      'written offline 2',
    ]);
    const stored = await world.server.context.db.message.findMany({
      where: { conversationId: dm.id },
      orderBy: { seq: 'asc' },
    });
    expect(stored.map((m) => m.body)).toEqual(['written offline 1', 'written offline 2']);
    deeDevice.client.stop();
    eveDevice.client.stop();
  });
});

describe('a device that misses a live event', () => {
  it('fetches seq N+1 when it receives N+2', async () => {
    const fay = await world.signUp('fay');
    const gus = await world.signUp('gus');
    const dm = await directConversation(world, fay, gus);
    const gusDevice = await startDevice(world, gus);
    const fayDevice = await startDevice(world, fay);
    fayDevice.client.send(dm.id, 'seq 1');
    await until(
      gusDevice.client,
      () => userMessages(gusDevice.client.conversation(dm.id)?.messages).length === 1,
    );

    // Pub/sub drops seq 2: it is committed, but no device hears of it.
    const dropped: EventPublisher = { toUsers: () => {}, disconnectDevice: () => {} };
    await sendMessage(
      { ...world.server.context, events: dropped },
      { userId: fay.user.id, deviceId: fay.deviceId },
      { conversationId: dm.id, clientId: newClientId(), body: 'seq 2, never announced' },
    );
    fayDevice.client.send(dm.id, 'seq 3');

    await until(
      gusDevice.client,
      () => userMessages(gusDevice.client.conversation(dm.id)?.messages).length === 3,
    );
    expect(gusDevice.client.conversation(dm.id)?.messages.map((m) => [m.seq, m.body])).toEqual([
      [1, 'seq 1'],
      [2, 'seq 2, never announced'],
      [3, 'seq 3'],
    ]);
    fayDevice.client.stop();
    gusDevice.client.stop();
  });
});

describe('unread counts across one person’s devices', () => {
  it('reading on one device brings the unread count on the other to zero without a reload', async () => {
    const hal = await world.signUp('hal');
    const ivy = await world.signUp('ivy');
    const dm = await directConversation(world, hal, ivy);
    const laptop = await startDevice(world, ivy);
    const phone = await startDevice(world, await world.signIn('ivy', 'Phone'));
    const halDevice = await startDevice(world, hal);
    halDevice.client.send(dm.id, 'one');
    halDevice.client.send(dm.id, 'two, @ivy');
    await until(phone.client, () => phone.client.conversation(dm.id)?.unread.count === 2);
    expect(phone.client.conversation(dm.id)?.unread).toEqual({ count: 2, mentions: 1 });
    await until(laptop.client, () => laptop.client.conversation(dm.id)?.unread.count === 2);

    await laptop.client.markRead(dm.id);
    await until(phone.client, () => phone.client.conversation(dm.id)?.unread.count === 0);
    expect(phone.client.conversation(dm.id)?.unread).toEqual({ count: 0, mentions: 0 });
    for (const device of [laptop, phone, halDevice]) device.client.stop();
  });
});
