import { describe, expect, it } from 'vitest';
import { directConversation, group } from '../test-support/fixtures.js';
import { collect, newClientId, nextEvent, ok, sleep, useTestWorld } from '../test-support/test-world.js';

const world = useTestWorld();

describe('the read cursor', () => {
  it('reading on one device tells the user’s other devices the new cursor and zero unread', async () => {
    const ana = await world.signUp('ana');
    const ben = await world.signUp('ben');
    const dm = await directConversation(world, ana, ben);
    const anaSocket = await world.connect(ana);
    for (const body of ['one', 'two @ben', 'three']) {
      await ok(anaSocket, 'message:send', { conversationId: dm.id, clientId: newClientId(), body });
    }
    const benLaptop = await world.connect(ben);
    const benPhone = await world.connect(await world.signIn('ben', 'Phone'));
    const [state] = (await ok(benPhone, 'sync:fetch', { cursors: [] })).conversations;
    expect(state?.state.unread).toEqual({ count: 3, mentions: 1, asOfSeq: 3 });

    const onPhone = nextEvent(benPhone, 'read:updated');
    const receipt = nextEvent(anaSocket, 'read:updated');
    const read = await ok(benLaptop, 'read:mark', { conversationId: dm.id, seq: 3 });
    expect(read).toEqual({
      conversationId: dm.id,
      readSeq: 3,
      readEpoch: 0,
      unread: { count: 0, mentions: 0, asOfSeq: 3 },
    });
    expect(await onPhone).toMatchObject({
      userId: ben.user.id,
      readSeq: 3,
      unread: { count: 0, mentions: 0 },
    });
    const seenByAna = await receipt;
    expect(seenByAna).toMatchObject({ userId: ben.user.id, readSeq: 3 });
    expect(seenByAna.unread).toBeUndefined();
  });

  it('only moves forward, and says nothing when it does not move', async () => {
    const cy = await world.signUp('cy');
    const dee = await world.signUp('dee');
    const dm = await directConversation(world, cy, dee);
    const cySocket = await world.connect(cy);
    for (const body of ['a', 'b', 'c'])
      await ok(cySocket, 'message:send', { conversationId: dm.id, clientId: newClientId(), body });
    const deeSocket = await world.connect(dee);
    // The receipt of this first read travels on Cy's socket and may land after Dee's ack.
    const receipt = nextEvent(cySocket, 'read:updated');
    await ok(deeSocket, 'read:mark', { conversationId: dm.id, seq: 3 });
    await receipt;
    const heard = collect(cySocket, 'read:updated');
    const back = await ok(deeSocket, 'read:mark', { conversationId: dm.id, seq: 1 });
    expect(back.readSeq).toBe(3);
    const beyond = await ok(deeSocket, 'read:mark', { conversationId: dm.id, seq: 99 });
    expect(beyond.readSeq).toBe(3);
    await sleep(150);
    expect(heard).toEqual([]);
  });

  it('mark as unread moves it back explicitly, on every device', async () => {
    const eve = await world.signUp('eve');
    const fay = await world.signUp('fay');
    const dm = await directConversation(world, eve, fay);
    const eveSocket = await world.connect(eve);
    for (const body of ['a', 'b', 'c'])
      await ok(eveSocket, 'message:send', { conversationId: dm.id, clientId: newClientId(), body });
    const fayLaptop = await world.connect(fay);
    const fayPhone = await world.connect(await world.signIn('fay', 'Phone'));
    await ok(fayLaptop, 'read:mark', { conversationId: dm.id, seq: 3 });
    const onPhone = nextEvent(fayPhone, 'read:updated', (r) => r.readSeq === 1);
    const unread = await ok(fayLaptop, 'read:markUnread', { conversationId: dm.id, seq: 2 });
    expect(unread).toMatchObject({ readSeq: 1, readEpoch: 1, unread: { count: 2 } });
    expect(await onPhone).toMatchObject({ readEpoch: 1, unread: { count: 2 } });
    // Reading forward again stays in the new epoch.
    expect(await ok(fayLaptop, 'read:mark', { conversationId: dm.id, seq: 3 })).toMatchObject({
      readSeq: 3,
      readEpoch: 1,
    });
  });

  it('delivered receipts reach the other person in a direct conversation', async () => {
    const gus = await world.signUp('gus');
    const hal = await world.signUp('hal');
    const dm = await directConversation(world, gus, hal);
    const gusSocket = await world.connect(gus);
    const halSocket = await world.connect(hal);
    const sent = await ok(gusSocket, 'message:send', {
      conversationId: dm.id,
      clientId: newClientId(),
      body: 'there?',
    });
    const delivered = nextEvent(gusSocket, 'read:updated', (r) => r.userId === hal.user.id);
    await ok(halSocket, 'delivered:mark', { conversationId: dm.id, seq: sent.seq });
    expect(await delivered).toMatchObject({ deliveredSeq: sent.seq, readSeq: 0 });
  });

  it('“seen by” cursors come with a group’s state, for groups small enough to have receipts', async () => {
    const ivy = await world.signUp('ivy');
    const jo = await world.signUp('jo');
    const kim = await world.signUp('kim');
    const team = await group(world, ivy, [jo, kim]);
    const ivySocket = await world.connect(ivy);
    const sent = await ok(ivySocket, 'message:send', {
      conversationId: team.id,
      clientId: newClientId(),
      body: 'seen?',
    });
    await ok(await world.connect(jo), 'read:mark', { conversationId: team.id, seq: sent.seq });
    const page = await ok(ivySocket, 'sync:fetch', { cursors: [] });
    const state = page.conversations.find((c) => c.state.id === team.id)?.state;
    expect(state?.receipts).toEqual(
      expect.arrayContaining([
        { userId: jo.user.id, readSeq: sent.seq, deliveredSeq: 0 },
        { userId: kim.user.id, readSeq: 0, deliveredSeq: 0 },
      ]),
    );
  });
});
