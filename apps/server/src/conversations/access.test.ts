import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversation } from '../test-support/fixtures.js';
import {
  collect,
  newClientId,
  ok,
  request,
  sleep,
  startTestWorld,
  type TestSocket,
  type TestWorld,
} from '../test-support/test-world.js';

/** Nobody reads, writes, syncs, reacts, sees typing or sees presence in a conversation they're not in. */
let world: TestWorld;
let conversationId: string;
let messageId: string;
let memberIds: string[];
let ana: TestSocket;
let outsider: TestSocket;

beforeAll(async () => {
  world = await startTestWorld();
  const anaSession = await world.signUp('ana');
  const benSession = await world.signUp('ben');
  const zed = await world.signUp('zed');
  const dm = await directConversation(world, anaSession, benSession);
  conversationId = dm.id;
  memberIds = [anaSession.user.id, benSession.user.id];
  ana = await world.connect(anaSession);
  outsider = await world.connect(zed);
  messageId = (await ok(ana, 'message:send', { conversationId, clientId: newClientId(), body: 'private' }))
    .id;
});
afterAll(async () => world?.close());

const refused = { ok: false, error: { code: 'forbidden' } };

describe('someone who is not a member of a conversation', () => {
  it('cannot send to it, and nothing is stored', async () => {
    expect(
      await request(outsider, 'message:send', { conversationId, clientId: newClientId(), body: 'let me in' }),
    ).toMatchObject(refused);
    const stored = await world.server.context.db.message.count({ where: { conversationId } });
    expect(stored).toBe(1);
  });

  it('cannot read its history', async () => {
    expect(await request(outsider, 'history:fetch', { conversationId })).toMatchObject(refused);
  });

  it('gets nothing of it from sync, not even its existence', async () => {
    const page = await ok(outsider, 'sync:fetch', { cursors: [{ conversationId, changeSeq: 0 }] });
    expect(page.conversations).toEqual([]);
    expect(page.removedConversationIds).toEqual([conversationId]);
  });

  it('cannot react to, edit or delete its messages', async () => {
    expect(await request(outsider, 'reaction:add', { messageId, emoji: '👍' })).toMatchObject(refused);
    expect(await request(outsider, 'message:edit', { messageId, body: 'hijack' })).toMatchObject(refused);
    expect(await request(outsider, 'message:delete', { messageId })).toMatchObject(refused);
    const message = await world.server.context.db.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(message).toMatchObject({ body: 'private', deletedAt: null, changeSeq: 1 });
  });

  it('cannot move read cursors in it', async () => {
    expect(await request(outsider, 'read:mark', { conversationId, seq: 1 })).toMatchObject(refused);
    expect(await request(outsider, 'read:markUnread', { conversationId, seq: 1 })).toMatchObject(refused);
    expect(await request(outsider, 'delivered:mark', { conversationId, seq: 1 })).toMatchObject(refused);
  });

  it('cannot announce typing in it, nor sees who types there', async () => {
    expect(await request(outsider, 'typing:start', { conversationId })).toMatchObject(refused);
    const seenByOutsider = collect(outsider, 'typing');
    await ok(ana, 'typing:start', { conversationId });
    await sleep(200);
    expect(seenByOutsider).toEqual([]);
  });

  it('cannot subscribe to the presence of its members', async () => {
    expect(await request(outsider, 'presence:subscribe', { userIds: memberIds })).toMatchObject(refused);
  });

  it('receives none of its messages', async () => {
    const seen = collect(outsider, 'message:new');
    await ok(ana, 'message:send', { conversationId, clientId: newClientId(), body: 'still private' });
    await sleep(200);
    expect(seen).toEqual([]);
  });

  it('cannot read it or its members over HTTP', async () => {
    const zedSession = await world.signIn('zed');
    for (const path of [
      `/api/conversations/${conversationId}`,
      `/api/conversations/${conversationId}/members`,
    ]) {
      const response = await world.http('GET', path, { token: zedSession.accessToken });
      expect(response).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    }
    const add = await world.http('POST', `/api/conversations/${conversationId}/members`, {
      token: zedSession.accessToken,
      body: { userIds: [zedSession.user.id] },
    });
    expect(add.status).toBe(403);
  });
});
