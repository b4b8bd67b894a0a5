import { randomUUID } from 'node:crypto';
import { type ClientEventName, clientToServer, LIMITS } from '@confab/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversation } from '../../test-support/fixtures.js';
import {
  newClientId,
  ok,
  startTestWorld,
  type TestSocket,
  type TestWorld,
} from '../../test-support/test-world.js';

let world: TestWorld;
let socket: TestSocket;
let conversationId: string;
let messageId: string;

beforeAll(async () => {
  world = await startTestWorld();
  const ana = await world.signUp('ana');
  const ben = await world.signUp('ben');
  conversationId = (await directConversation(world, ana, ben)).id;
  socket = await world.connect(ana);
  messageId = (await ok(socket, 'message:send', { conversationId, clientId: newClientId(), body: 'hello' }))
    .id;
});
afterAll(async () => world?.close());

/** Everything a bad request could have touched. */
async function databaseState() {
  const db = world.server.context.db;
  return {
    messages: await db.message.findMany({ orderBy: { id: 'asc' } }),
    reactions: await db.reaction.findMany(),
    memberships: await db.membership.findMany({ orderBy: [{ conversationId: 'asc' }, { userId: 'asc' }] }),
    conversations: await db.conversation.findMany({ orderBy: { id: 'asc' } }),
    users: await db.user.findMany({ select: { id: true, chosenStatus: true } }),
  };
}

const tooLong = 'x'.repeat(LIMITS.messageBodyMaxChars + 1);
const manyIds = (n: number) => Array.from({ length: n }, () => randomUUID());

/** Malformed, oversized and missing-field payloads for every client event. */
const badPayloads = (): Record<ClientEventName, unknown[]> => ({
  'message:send': [
    { conversationId, body: 'no client id' },
    { conversationId, clientId: 'not-a-uuid', body: 'x' },
    { conversationId, clientId: newClientId(), body: tooLong },
    { conversationId, clientId: newClientId(), body: '   ' },
    { conversationId, clientId: newClientId(), body: 42 },
    { conversationId, clientId: newClientId(), body: 'x', extra: true },
    { conversationId, clientId: newClientId(), body: 'x', replyToId: 'nope' },
  ],
  'message:edit': [{ messageId }, { messageId, body: tooLong }, { messageId: 'x', body: 'y' }, { body: 'y' }],
  'message:delete': [{}, { messageId: 7 }, { messageId: `${messageId}0` }],
  'reaction:add': [
    { messageId },
    { messageId, emoji: '' },
    { messageId, emoji: 'x'.repeat(LIMITS.emojiMaxChars + 1) },
  ],
  'reaction:remove': [{ messageId }, { emoji: '👍' }],
  'history:fetch': [
    {},
    { conversationId, limit: LIMITS.historyPageMax + 1 },
    { conversationId, limit: 0 },
    { conversationId, beforeSeq: -1 },
    { conversationId, beforeSeq: 5, afterSeq: 1 },
    { conversationId, beforeSeq: 1.5 },
  ],
  'sync:fetch': [
    {},
    { cursors: 'all' },
    { cursors: [{ conversationId }] },
    { cursors: [], limit: LIMITS.syncPageMax + 1 },
    { cursors: manyIds(LIMITS.syncCursorsMax + 1).map((id) => ({ conversationId: id, changeSeq: 0 })) },
  ],
  'read:mark': [{ conversationId }, { conversationId, seq: -3 }, { conversationId, seq: '1' }],
  'read:markUnread': [{ conversationId, seq: 0 }, { seq: 1 }],
  'delivered:mark': [{ conversationId, seq: null }, {}],
  'typing:start': [{}, { conversationId: 'general' }],
  'typing:stop': [{ conversationId: 12 }],
  'presence:subscribe': [{}, { userIds: 'everyone' }, { userIds: manyIds(LIMITS.presenceSubscribeMax + 1) }],
  'presence:activity': [{}, { active: 'yes' }],
  'presence:setStatus': [{ status: 'invisible' }, {}],
});

/** Emits without the typed event map, as a misbehaving client would, and without an acknowledgement. */
const rawEmit = (target: TestSocket, event: string, payload: unknown) =>
  (target.emit as unknown as (event: string, payload: unknown) => void).call(target, event, payload);

const emitRaw = (event: string, ...args: unknown[]) =>
  new Promise<unknown>((resolve, reject) => {
    (socket.timeout(5_000).emit as unknown as (...a: unknown[]) => void)(
      event,
      ...args,
      (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result)),
    );
  });

describe('a client event with bad input', () => {
  it('is answered with a typed bad_request error and changes nothing', async () => {
    const before = await databaseState();
    const payloads = badPayloads();
    const events = Object.keys(clientToServer) as ClientEventName[];
    for (const event of events) {
      for (const payload of [undefined, null, 'text', 42, [], ...payloads[event]]) {
        const answer = await emitRaw(event, payload);
        expect(answer, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toMatchObject({
          ok: false,
          error: { code: 'bad_request', message: expect.any(String) },
        });
      }
    }
    expect(await databaseState()).toEqual(before);
  });

  it('names the field that failed', async () => {
    const answer = await emitRaw('message:send', { conversationId, clientId: newClientId(), body: tooLong });
    expect(answer).toMatchObject({ ok: false, error: { issues: [{ path: ['body'] }] } });
  });

  it('refuses an unknown event with bad_request', async () => {
    expect(await emitRaw('message:nuke', { conversationId })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });

  it('survives an event sent without an acknowledgement callback and keeps serving', async () => {
    rawEmit(socket, 'message:send', { nonsense: true });
    const still = await ok(socket, 'history:fetch', { conversationId });
    expect(still.messages.map((m) => m.id)).toContain(messageId);
  });

  it('closes only the offending connection when a packet exceeds the 1 MB transport limit', async () => {
    const session = await world.signIn('ana');
    const victim = await world.connect(session);
    const closed = new Promise<string>((resolve) => victim.once('disconnect', (reason) => resolve(reason)));
    rawEmit(victim, 'message:send', { body: 'x'.repeat(1_100_000) });
    expect(await closed).toBe('transport close');
    const still = await ok(socket, 'history:fetch', { conversationId });
    expect(still.messages.length).toBeGreaterThan(0);
  });

  it('answers a message about a message that does not exist with not_found', async () => {
    expect(await emitRaw('message:edit', { messageId: randomUUID(), body: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('an HTTP request with bad input', () => {
  it('gets a 4xx JSON error and creates nothing', async () => {
    const ana = await world.signIn('ana');
    const before = await databaseState();
    const cases: Array<[string, string, { body?: unknown; raw?: string }]> = [
      ['POST', '/api/auth/login', { body: { username: 'ana' } }],
      ['POST', '/api/auth/login', { raw: '{"username": "ana", ' }],
      ['POST', '/api/conversations', { body: { kind: 'secret', name: 'x' } }],
      ['POST', '/api/conversations', { body: { kind: 'group', name: '' } }],
      ['POST', '/api/conversations', { body: { kind: 'group', name: 'ok', memberIds: ['nope'] } }],
      ['POST', '/api/conversations/direct', { body: {} }],
      ['POST', `/api/conversations/${conversationId}/members`, { body: { userIds: [] } }],
      ['GET', '/api/conversations/not-a-uuid', {}],
      ['PATCH', '/api/me', { body: { status: 'invisible' } }],
      ['POST', '/api/users', { body: { username: 'Bad Name!', displayName: 'x', password: 'short' } }],
    ];
    for (const [method, path, options] of cases) {
      const response = await world.http<{ code: string; message: string }>(method, path, {
        ...options,
        token: ana.accessToken,
      });
      expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
      expect(response.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    const huge = await world.http('POST', '/api/conversations', {
      token: ana.accessToken,
      body: { kind: 'group', name: 'x', topic: 'y'.repeat(100_000) },
    });
    expect(huge.status).toBe(413);
    const after = await databaseState();
    expect({ ...after, users: after.users.length }).toEqual({ ...before, users: before.users.length });
  });
});
