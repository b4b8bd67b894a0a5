import { describe, expect, it } from 'vitest';
import { group, twoPeople } from '../test-support/fixtures.js';
import { newClientId, nextEvent, ok, request, useTestWorld } from '../test-support/test-world.js';

const world = useTestWorld({ editWindowSeconds: 2 });

describe('editing', () => {
  it('replaces the text, marks it edited, and sends the new snapshot with the next change seq', async () => {
    const { dm, aSocket: first, bSocket: second } = await twoPeople(world, 'ana', 'ben');
    const sent = await ok(first, 'message:send', {
      conversationId: dm.id,
      clientId: newClientId(),
      body: 'teh plan',
    });
    const update = nextEvent(second, 'message:updated');
    const edited = await ok(first, 'message:edit', { messageId: sent.id, body: 'the plan' });
    expect(edited).toMatchObject({
      id: sent.id,
      seq: sent.seq,
      body: 'the plan',
      changeSeq: sent.changeSeq + 1,
    });
    expect(edited.editedAt).not.toBeNull();
    expect(await update).toEqual(edited);
  });

  it('is only for one’s own messages, and only within the edit window', async () => {
    const { dm, aSocket: first, bSocket: second } = await twoPeople(world, 'cy', 'dee');
    const sent = await ok(first, 'message:send', {
      conversationId: dm.id,
      clientId: newClientId(),
      body: 'mine',
    });
    expect(await request(second, 'message:edit', { messageId: sent.id, body: 'yours now' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await request(first, 'message:edit', { messageId: sent.id, body: 'too late' })).toMatchObject({
      ok: false,
      error: { code: 'edit_window_expired' },
    });
    const stored = await world.server.context.db.message.findUniqueOrThrow({ where: { id: sent.id } });
    expect(stored.body).toBe('mine');
  });
});

describe('deleting', () => {
  it('leaves a tombstone in place: same seq, no text, no reactions, on every device', async () => {
    const { dm, aSocket: first, bSocket: second } = await twoPeople(world, 'eve', 'fay');
    const sent = await ok(first, 'message:send', {
      conversationId: dm.id,
      clientId: newClientId(),
      body: 'oops @fay',
    });
    await ok(second, 'reaction:add', { messageId: sent.id, emoji: '😬' });
    const update = nextEvent(second, 'message:updated', (m) => m.deletedAt !== null);
    const deleted = await ok(first, 'message:delete', { messageId: sent.id });
    expect(deleted).toMatchObject({
      seq: sent.seq,
      body: '',
      reactions: [],
      mentions: { userIds: [], all: false },
    });
    expect(deleted.deletedAt).not.toBeNull();
    expect(await update).toEqual(deleted);
    expect(await request(first, 'message:edit', { messageId: sent.id, body: 'back' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('of someone else’s message takes a conversation owner or admin', async () => {
    const gus = await world.signUp('gus');
    const hal = await world.signUp('hal');
    const team = await group(world, gus, [hal]);
    const gusSocket = await world.connect(gus);
    const halSocket = await world.connect(hal);
    const byOwner = await ok(gusSocket, 'message:send', {
      conversationId: team.id,
      clientId: newClientId(),
      body: 'owner',
    });
    const byMember = await ok(halSocket, 'message:send', {
      conversationId: team.id,
      clientId: newClientId(),
      body: 'spam',
    });
    expect(await request(halSocket, 'message:delete', { messageId: byOwner.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await ok(gusSocket, 'message:delete', { messageId: byMember.id })).deletedAt).not.toBeNull();
  });
});

describe('reactions', () => {
  it('group by emoji, and adding one twice or removing a missing one changes nothing', async () => {
    const { dm, aSocket: first, bSocket: second } = await twoPeople(world, 'ivy', 'jo');
    const sent = await ok(first, 'message:send', {
      conversationId: dm.id,
      clientId: newClientId(),
      body: 'ship it?',
    });
    await ok(first, 'reaction:add', { messageId: sent.id, emoji: '👍' });
    const both = await ok(second, 'reaction:add', { messageId: sent.id, emoji: '👍' });
    expect(both.reactions).toEqual([{ emoji: '👍', userIds: expect.arrayContaining([]) }]);
    expect(both.reactions[0]?.userIds).toHaveLength(2);
    const twice = await ok(second, 'reaction:add', { messageId: sent.id, emoji: '👍' });
    expect(twice.changeSeq).toBe(both.changeSeq);
    const removed = await ok(second, 'reaction:remove', { messageId: sent.id, emoji: '👍' });
    expect(removed.reactions[0]?.userIds).toHaveLength(1);
    const missing = await ok(second, 'reaction:remove', { messageId: sent.id, emoji: '🎉' });
    expect(missing.changeSeq).toBe(removed.changeSeq);
    const conversation = await world.server.context.db.conversation.findUniqueOrThrow({
      where: { id: dm.id },
    });
    expect(conversation.lastChangeSeq).toBe(removed.changeSeq);
  });
});

describe('history', () => {
  it('pages by seq in both directions', async () => {
    const { dm, aSocket: first } = await twoPeople(world, 'kim', 'lee');
    for (let i = 1; i <= 7; i++) {
      await ok(first, 'message:send', { conversationId: dm.id, clientId: newClientId(), body: `m${i}` });
    }
    const latest = await ok(first, 'history:fetch', { conversationId: dm.id, limit: 3 });
    expect(latest.messages.map((m) => m.seq)).toEqual([5, 6, 7]);
    expect(latest.hasMore).toBe(true);
    const older = await ok(first, 'history:fetch', { conversationId: dm.id, beforeSeq: 5, limit: 3 });
    expect(older.messages.map((m) => m.seq)).toEqual([2, 3, 4]);
    const oldest = await ok(first, 'history:fetch', { conversationId: dm.id, beforeSeq: 2, limit: 3 });
    expect(oldest).toMatchObject({ hasMore: false });
    expect(oldest.messages.map((m) => m.seq)).toEqual([1]);
    const newer = await ok(first, 'history:fetch', { conversationId: dm.id, afterSeq: 4, limit: 2 });
    expect(newer.messages.map((m) => m.seq)).toEqual([5, 6]);
    expect(newer.hasMore).toBe(true);
  });
});
