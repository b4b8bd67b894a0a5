import type { ChannelListing, ConversationState, Member } from '@confab/shared';
import { describe, expect, it } from 'vitest';
import { directConversation, group } from '../test-support/fixtures.js';
import {
  collect,
  newClientId,
  nextEvent,
  ok,
  request,
  sleep,
  useTestWorld,
} from '../test-support/test-world.js';

const world = useTestWorld();

const systemEvents = async (conversationId: string) =>
  (
    await world.server.context.db.message.findMany({
      where: { conversationId, kind: 'system' },
      orderBy: { seq: 'asc' },
    })
  ).map((m) => m.systemEvent);

describe('direct conversations', () => {
  it('a pair of people has exactly one, whoever opens it and however often', async () => {
    const ana = await world.signUp('ana');
    const ben = await world.signUp('ben');
    const opened = await Promise.all([
      directConversation(world, ana, ben),
      directConversation(world, ben, ana),
      directConversation(world, ana, ben),
    ]);
    expect(new Set(opened.map((c) => c.id)).size).toBe(1);
    expect(opened[0]).toMatchObject({ kind: 'direct', memberCount: 2, peerId: ben.user.id });
    expect(opened[1]).toMatchObject({ peerId: ana.user.id });
  });

  it('cannot gain or lose members', async () => {
    const cy = await world.signUp('cy');
    const dee = await world.signUp('dee');
    const dm = await directConversation(world, cy, dee);
    const add = await world.http('POST', `/api/conversations/${dm.id}/members`, {
      token: cy.accessToken,
      body: { userIds: [(await world.signUp('eve')).user.id] },
    });
    expect(add).toMatchObject({ status: 400, body: { code: 'bad_request' } });
    expect(
      (await world.http('POST', `/api/conversations/${dm.id}/leave`, { token: cy.accessToken })).status,
    ).toBe(400);
  });
});

describe('groups', () => {
  it('the creator owns it, members are told at once, and the creation is a system message', async () => {
    const fay = await world.signUp('fay');
    const gus = await world.signUp('gus');
    const gusSocket = await world.connect(gus);
    const joined = nextEvent(gusSocket, 'conversation:joined');
    const team = await group(world, fay, [gus], { name: 'Launch' });
    expect(team).toMatchObject({ kind: 'group', name: 'Launch', memberCount: 2, me: { role: 'owner' } });
    expect(await joined).toMatchObject({ id: team.id, me: { role: 'member' } });
    expect(await systemEvents(team.id)).toEqual([
      { type: 'conversation_created', actorId: fay.user.id, userIds: [gus.user.id] },
    ]);
  });

  it('adding, removing and leaving are system messages that every member receives', async () => {
    const hal = await world.signUp('hal');
    const ivy = await world.signUp('ivy');
    const jo = await world.signUp('jo');
    const team = await group(world, hal, [ivy]);
    const ivySocket = await world.connect(ivy);
    const joSocket = await world.connect(jo);
    const ivySees = collect(ivySocket, 'message:new');

    const joJoined = nextEvent(joSocket, 'conversation:joined');
    await world.http('POST', `/api/conversations/${team.id}/members`, {
      token: ivy.accessToken,
      body: { userIds: [jo.user.id] },
    });
    expect((await joJoined).id).toBe(team.id);

    const joLeft = nextEvent(joSocket, 'conversation:left');
    const removal = await world.http('DELETE', `/api/conversations/${team.id}/members/${jo.user.id}`, {
      token: hal.accessToken,
    });
    expect(removal.status).toBe(204);
    expect(await joLeft).toEqual({ conversationId: team.id });

    const leave = await world.http('POST', `/api/conversations/${team.id}/leave`, { token: ivy.accessToken });
    expect(leave.status).toBe(204);
    await sleep(100);

    expect(await systemEvents(team.id)).toEqual([
      { type: 'conversation_created', actorId: hal.user.id, userIds: [ivy.user.id] },
      { type: 'member_added', actorId: ivy.user.id, userIds: [jo.user.id] },
      { type: 'member_removed', actorId: hal.user.id, userIds: [jo.user.id] },
      { type: 'member_left', actorId: ivy.user.id, userIds: [ivy.user.id] },
    ]);
    // Ivy saw the add and the removal live; she left before her own leave message, which she does not get.
    expect(ivySees.map((m) => m.systemEvent?.type)).toEqual(['member_added', 'member_removed']);
  });

  it('a removed member can no longer send, and only owners and admins remove others', async () => {
    const kim = await world.signUp('kim');
    const lee = await world.signUp('lee');
    const max = await world.signUp('max');
    const team = await group(world, kim, [lee, max]);
    const byMember = await world.http('DELETE', `/api/conversations/${team.id}/members/${max.user.id}`, {
      token: lee.accessToken,
    });
    expect(byMember).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    const ownerRemoval = await world.http('DELETE', `/api/conversations/${team.id}/members/${kim.user.id}`, {
      token: lee.accessToken,
    });
    expect(ownerRemoval.status).toBe(403);

    const maxSocket = await world.connect(max);
    await world.http('DELETE', `/api/conversations/${team.id}/members/${max.user.id}`, {
      token: kim.accessToken,
    });
    const refused = await request(maxSocket, 'message:send', {
      conversationId: team.id,
      clientId: newClientId(),
      body: 'hi?',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('when the last owner leaves, the longest-standing member becomes owner', async () => {
    const ned = await world.signUp('ned');
    const oli = await world.signUp('oli');
    const team = await group(world, ned, [oli]);
    await world.http('POST', `/api/conversations/${team.id}/leave`, { token: ned.accessToken });
    const members = await world.http<{ members: Member[] }>('GET', `/api/conversations/${team.id}/members`, {
      token: oli.accessToken,
    });
    expect(members.body.members).toEqual([expect.objectContaining({ userId: oli.user.id, role: 'owner' })]);
  });
});

describe('public channels', () => {
  it('anyone can browse and join them and then sees the whole history; groups stay hidden', async () => {
    const pat = await world.signUp('pat');
    const quinn = await world.signUp('quinn');
    const channel = await group(world, pat, [], { kind: 'channel', name: 'general' });
    const hidden = await group(world, pat, [], { name: 'secret-group' });
    const patSocket = await world.connect(pat);
    for (const body of ['first', 'second']) {
      await ok(patSocket, 'message:send', { conversationId: channel.id, clientId: newClientId(), body });
    }

    const listing = await world.http<{ channels: ChannelListing[] }>('GET', '/api/channels', {
      token: quinn.accessToken,
    });
    expect(listing.body.channels.map((c) => c.name)).toContain('general');
    expect(listing.body.channels.map((c) => c.id)).not.toContain(hidden.id);
    expect(listing.body.channels.find((c) => c.id === channel.id)).toMatchObject({
      joined: false,
      memberCount: 1,
    });

    const joined = await world.http<ConversationState>('POST', `/api/conversations/${channel.id}/join`, {
      token: quinn.accessToken,
    });
    expect(joined.body).toMatchObject({ id: channel.id, memberCount: 2, me: { role: 'member' } });
    const quinnSocket = await world.connect(quinn);
    const history = await ok(quinnSocket, 'history:fetch', { conversationId: channel.id });
    expect(history.messages.filter((m) => m.kind === 'user').map((m) => m.body)).toEqual(['first', 'second']);
    expect(history.messages.at(-1)?.systemEvent).toEqual({
      type: 'member_joined',
      actorId: quinn.user.id,
      userIds: [quinn.user.id],
    });

    const again = await world.http<ConversationState>('POST', `/api/conversations/${channel.id}/join`, {
      token: quinn.accessToken,
    });
    expect(again.body.lastSeq).toBe(joined.body.lastSeq);
    const joinGroup = await world.http('POST', `/api/conversations/${hidden.id}/join`, {
      token: quinn.accessToken,
    });
    expect(joinGroup.status).toBe(403);
  });
});
