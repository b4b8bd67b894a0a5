import type { Message } from '@confab/shared';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../platform/database/prisma.js';
import { directConversation, group } from '../test-support/fixtures.js';
import { newClientId, ok, request, useTestWorld } from '../test-support/test-world.js';
import { type QueuedSend, SendBatcher, type SendOutcome } from './send-batcher.js';

const world = useTestWorld();
const db = () => world.server.context.db;

const send = (
  senderId: string,
  conversationId: string,
  body: string,
  clientId: string = newClientId(),
): QueuedSend => ({
  senderId,
  conversationId,
  clientId,
  body,
  replyTo: null,
  mentions: { userIds: [], all: false },
  receivedAt: new Date(),
});

const stored = (outcome: SendOutcome): Message => {
  if (outcome.kind !== 'stored') throw new Error(`expected a stored message, got ${outcome.kind}`);
  return outcome.message;
};

async function seqs(conversationId: string) {
  const rows = await db().message.findMany({ where: { conversationId }, orderBy: { seq: 'asc' } });
  return { seqs: rows.map((m) => m.seq), changeSeqs: rows.map((m) => m.changeSeq), rows };
}

const lastSeq = async (id: string) => (await db().conversation.findUniqueOrThrow({ where: { id } })).lastSeq;

describe('group commit of sends', () => {
  it('stores concurrent sends to several conversations in few transactions, gapless and in order per conversation', async () => {
    const people = await Promise.all(['gc_a', 'gc_b', 'gc_c', 'gc_d'].map((name) => world.signUp(name)));
    const [a, b, c, d] = people as [
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
    ];
    const conversations = [
      (await directConversation(world, a, b)).id,
      (await directConversation(world, c, d)).id,
      (await group(world, a, [b, c, d])).id,
    ];
    const before = await Promise.all(conversations.map(lastSeq));
    const batcher = new SendBatcher(db(), { maxConcurrentBatches: 1 });
    const senders = [
      [a, b],
      [c, d],
      [a, b, c, d],
    ] as const;
    // Submitted in one turn of the event loop: they queue up and go in as few batches as the limits allow.
    const submitted = Array.from({ length: 90 }, (_, i) => {
      const k = i % 3;
      const sender = senders[k]![i % senders[k]!.length]!;
      return { k, i, outcome: batcher.submit(send(sender.user.id, conversations[k]!, `message ${i}`)) };
    });
    const outcomes = await Promise.all(submitted.map((s) => s.outcome));

    expect(batcher.stats.sends).toBe(90);
    expect(batcher.stats.batches).toBeLessThan(10);
    for (const [k, conversationId] of conversations.entries()) {
      const mine = submitted
        .map((s, j) => ({ ...s, message: stored(outcomes[j]!) }))
        .filter((s) => s.k === k);
      // In the order submitted, numbered on from where the conversation was.
      expect(mine.map((s) => s.message.seq)).toEqual(
        Array.from({ length: 30 }, (_, j) => before[k]! + j + 1),
      );
      const { seqs: all, changeSeqs, rows } = await seqs(conversationId);
      expect(all).toEqual(Array.from({ length: before[k]! + 30 }, (_, j) => j + 1));
      expect(new Set(changeSeqs).size).toBe(all.length);
      expect(await lastSeq(conversationId)).toBe(before[k]! + 30);
      // The acknowledged snapshot is exactly what is stored.
      for (const { message } of mine) {
        const row = rows.find((r) => r.id === message.id)!;
        expect({
          seq: row.seq,
          changeSeq: row.changeSeq,
          body: row.body,
          createdAt: row.createdAt.toISOString(),
        }).toEqual({
          seq: message.seq,
          changeSeq: message.changeSeq,
          body: message.body,
          createdAt: message.createdAt,
        });
      }
    }
    // The members at commit come with each stored message, for the fan-out.
    const groupOutcome = outcomes[2]!;
    expect(groupOutcome.kind === 'stored' && [...groupOutcome.memberIds].sort()).toEqual(
      people.map((p) => p.user.id).sort(),
    );
    // Each sender's read cursor is on their last message.
    const cursor = await db().membership.findUniqueOrThrow({
      where: { conversationId_userId: { conversationId: conversations[2]!, userId: a.user.id } },
    });
    const lastOfA = submitted
      .map((s, j) => ({ ...s, message: stored(outcomes[j]!) }))
      .filter((s) => s.k === 2 && s.message.senderId === a.user.id)
      .at(-1)!;
    expect(cursor.readSeq).toBe(lastOfA.message.seq);
  });

  it('answers a retry inside a batch, and a retry of a stored message, without storing twice', async () => {
    const eve = await world.signUp('gc_eve');
    const fay = await world.signUp('gc_fay');
    const dm = (await directConversation(world, eve, fay)).id;
    const batcher = new SendBatcher(db());
    const earlier = stored(await batcher.submit(send(eve.user.id, dm, 'earlier')));

    const clientId = newClientId();
    const results = await Promise.all([
      batcher.submit(send(fay.user.id, dm, 'first')),
      batcher.submit(send(eve.user.id, dm, 'once', clientId)),
      batcher.submit(send(eve.user.id, dm, 'once', clientId)),
      batcher.submit(send(eve.user.id, dm, 'earlier', earlier.clientId)),
      batcher.submit(send(fay.user.id, dm, 'last')),
    ]);
    expect(results.map((r) => r.kind)).toEqual(['stored', 'stored', 'duplicate', 'duplicate', 'stored']);
    const { seqs: all, rows } = await seqs(dm);
    expect(all).toEqual([1, 2, 3, 4]);
    expect(rows.map((r) => r.body)).toEqual(['earlier', 'first', 'once', 'last']);
  });

  it('refuses a non-member in a batch while the others commit, and gives the refused send no seq', async () => {
    const gus = await world.signUp('gc_gus');
    const hal = await world.signUp('gc_hal');
    const stranger = await world.signUp('gc_stranger');
    const dm = (await directConversation(world, gus, hal)).id;
    const batcher = new SendBatcher(db());
    const results = await Promise.all([
      batcher.submit(send(gus.user.id, dm, 'one')),
      batcher.submit(send(stranger.user.id, dm, 'intruder')),
      batcher.submit(send(hal.user.id, dm, 'two')),
      batcher.submit(send(stranger.user.id, '00000000-0000-7000-8000-000000000000', 'nowhere')),
    ]);
    expect(results.map((r) => r.kind)).toEqual(['stored', 'forbidden', 'stored', 'forbidden']);
    expect(results.filter((r) => r.kind === 'stored').map((r) => stored(r).seq)).toEqual([1, 2]);
    expect((await seqs(dm)).rows.map((r) => r.body)).toEqual(['one', 'two']);
    expect(await lastSeq(dm)).toBe(2);
  });

  it('checks membership under the conversation lock: a member removed while the send waits is refused', async () => {
    const ida = await world.signUp('gc_ida');
    const jon = await world.signUp('gc_jon');
    const kai = await world.signUp('gc_kai');
    const team = (await group(world, ida, [jon, kai])).id;
    const before = await lastSeq(team);

    // Another transaction (a membership change, as conversations/members.ts does it) holds the lock.
    const other = new pg.Client({ connectionString: world.databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('UPDATE "Conversation" SET "lastChangeSeq" = "lastChangeSeq" WHERE id = $1', [team]);
      await other.query('DELETE FROM "Membership" WHERE "conversationId" = $1 AND "userId" = $2', [
        team,
        jon.user.id,
      ]);
      const batcher = new SendBatcher(db());
      const pending = Promise.all([
        batcher.submit(send(jon.user.id, team, 'too late')),
        batcher.submit(send(kai.user.id, team, 'still here')),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query('COMMIT');
      const [jons, kais] = await pending;
      expect(jons!.kind).toBe('forbidden');
      expect(stored(kais!).seq).toBe(before + 1);
      expect(await lastSeq(team)).toBe(before + 1);
    } finally {
      await other.end();
    }
  });

  it('splits a batch that fails, so one bad send does not fail the others', async () => {
    const lea = await world.signUp('gc_lea');
    const max = await world.signUp('gc_max');
    const dm = (await directConversation(world, lea, max)).id;
    const batcher = new SendBatcher(db());
    // PostgreSQL text cannot hold NUL: this one fails the statement it is in.
    const results = await Promise.allSettled([
      batcher.submit(send(lea.user.id, dm, 'fine')),
      batcher.submit(send(lea.user.id, dm, 'bad \u0000 byte')),
      batcher.submit(send(max.user.id, dm, 'also fine')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await seqs(dm)).rows.map((r) => [r.seq, r.body])).toEqual([
      [1, 'fine'],
      [2, 'also fine'],
    ]);
  });

  it('stores one message when the same send races through two server processes to two conversations', async () => {
    const ned = await world.signUp('gc_ned');
    const ola = await world.signUp('gc_ola');
    const pia = await world.signUp('gc_pia');
    const one = (await directConversation(world, ned, ola)).id;
    const two = (await directConversation(world, ned, pia)).id;
    const otherProcess = createDatabase(world.databaseUrl);
    try {
      for (let round = 0; round < 5; round++) {
        const clientId = newClientId();
        const results = await Promise.all([
          new SendBatcher(db()).submit(send(ned.user.id, one, 'race', clientId)),
          new SendBatcher(otherProcess).submit(send(ned.user.id, two, 'race', clientId)),
        ]);
        expect(results.map((r) => r.kind).sort()).toEqual(['duplicate', 'stored']);
        expect(await db().message.count({ where: { senderId: ned.user.id, clientId } })).toBe(1);
      }
      // Neither conversation lost a number to the loser.
      for (const id of [one, two]) {
        const { seqs: all } = await seqs(id);
        expect(all).toEqual(Array.from({ length: all.length }, (_, j) => j + 1));
        expect(await lastSeq(id)).toBe(all.length);
      }
    } finally {
      await otherProcess.$disconnect();
    }
  });

  it('keeps seqs gapless when two server processes batch sends to one conversation at once', async () => {
    const tia = await world.signUp('gc_tia');
    const uma = await world.signUp('gc_uma');
    const dm = (await directConversation(world, tia, uma)).id;
    const otherProcess = createDatabase(world.databaseUrl);
    try {
      const here = new SendBatcher(db());
      const there = new SendBatcher(otherProcess);
      // Several waves, so that batches of the two processes queue on each other's locks.
      for (let wave = 0; wave < 4; wave++) {
        const results = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            (i % 2 ? here : there).submit(send(i % 3 ? tia.user.id : uma.user.id, dm, `w${wave} #${i}`)),
          ),
        );
        expect(results.every((r) => r.kind === 'stored')).toBe(true);
      }
      const { seqs: all, changeSeqs } = await seqs(dm);
      expect(all).toEqual(Array.from({ length: 120 }, (_, j) => j + 1));
      expect(changeSeqs).toEqual(all);
      expect(await lastSeq(dm)).toBe(120);
    } finally {
      await otherProcess.$disconnect();
    }
  });

  it('keeps the order of one connection’s pipelined sends to a conversation', async () => {
    const quinn = await world.signUp('gc_quinn');
    const rex = await world.signUp('gc_rex');
    const dm = (await directConversation(world, quinn, rex)).id;
    const socket = await world.connect(quinn);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        ok(socket, 'message:send', { conversationId: dm, clientId: newClientId(), body: `#${i}` }),
      ),
    );
    expect(answers.map((m) => m.body)).toEqual(Array.from({ length: 40 }, (_, i) => `#${i}`));
    expect(answers.map((m) => m.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const refused = await request(socket, 'message:send', {
      conversationId: (await directConversation(world, rex, await world.signUp('gc_sam'))).id,
      clientId: newClientId(),
      body: 'not mine',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
