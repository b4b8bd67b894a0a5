import { randomBytes } from 'node:crypto';
import type { Message, Session } from '@confab/shared';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfigInput } from '../config.js';
import { directConversation, group } from '../test-support/fixtures.js';
import { failedAttempts, found, indexed, search, startOutageProxy } from '../test-support/search.js';
import {
  newClientId,
  ok,
  type TestSocket,
  type TestWorld,
  useTestWorld,
} from '../test-support/test-world.js';
import { indexMessage } from './index-message.js';
import { enqueueMessageIndexing, indexJobId } from './index-queue.js';

/**
 * The contract every search engine keeps, run against each: PostgreSQL always, Meilisearch when
 * MEILI_URL points at a real Meilisearch server.
 */

const MEILI_URL = process.env.MEILI_URL;
if (!MEILI_URL) {
  console.warn(
    '[search contract] MEILI_URL is not set: the Meilisearch engine tests are SKIPPED. ' +
      'Run them with MEILI_URL=http://127.0.0.1:7700 (and MEILI_KEY if the server has a master key).',
  );
}

interface Outage {
  takeDown(world: TestWorld): Promise<void>;
  bringBack(world: TestWorld): Promise<void>;
}

interface EngineUnderTest {
  name: 'postgres' | 'meilisearch';
  skip: boolean;
  /** Filled in before the world starts (the Meilisearch proxy's URL is known only then). */
  config: Partial<ServerConfigInput>;
  before?: () => Promise<void>;
  after?: () => Promise<void>;
  outage: Outage;
}

/** PostgreSQL engine "down": its table is renamed away, so every index query fails until it is back. */
const postgresEngine: EngineUnderTest = {
  name: 'postgres',
  skip: false,
  config: {},
  outage: {
    async takeDown(world) {
      await world.server.context.db.$executeRawUnsafe(
        'ALTER TABLE "SearchDocument" RENAME TO "SearchDocument_down"',
      );
    },
    async bringBack(world) {
      await world.server.context.db.$executeRawUnsafe(
        'ALTER TABLE "SearchDocument_down" RENAME TO "SearchDocument"',
      );
    },
  },
};

function meilisearchEngine(): EngineUnderTest {
  let proxy: Awaited<ReturnType<typeof startOutageProxy>> | undefined;
  const engine: EngineUnderTest = {
    name: 'meilisearch',
    skip: !MEILI_URL,
    config: {},
    async before() {
      if (!MEILI_URL) return;
      proxy = await startOutageProxy(MEILI_URL);
      Object.assign(engine.config, {
        meiliUrl: proxy.url,
        meiliKey: process.env.MEILI_KEY,
        meiliIndex: `confab-test-${randomBytes(6).toString('hex')}`,
      });
    },
    async after() {
      await proxy?.close();
      const index = engine.config.meiliIndex;
      if (MEILI_URL && index) {
        await new Meilisearch({ host: MEILI_URL, apiKey: process.env.MEILI_KEY }).deleteIndexIfExists(index);
      }
    },
    outage: {
      async takeDown() {
        proxy?.takeDown();
      },
      async bringBack() {
        proxy?.bringBack();
      },
    },
  };
  return engine;
}

for (const engine of [postgresEngine, meilisearchEngine()]) {
  describe.skipIf(engine.skip)(`search on ${engine.name}`, () => {
    beforeAll(async () => engine.before?.());
    afterAll(async () => engine.after?.());
    const world = useTestWorld(engine.config);

    let alice: Session;
    let bob: Session;
    let carol: Session;
    let dave: Session;
    let aliceSocket: TestSocket;
    let bobSocket: TestSocket;
    let carolSocket: TestSocket;
    let general: string;
    let random: string;
    let secret: string;
    let dm: string;
    const m: Record<string, Message> = {};

    async function send(socket: TestSocket, conversationId: string, body: string): Promise<Message> {
      const message = await ok(socket, 'message:send', { conversationId, clientId: newClientId(), body });
      await indexed(world, message);
      return message;
    }

    /** Moves a message back in time, as if it had been sent then, and indexes it again. */
    async function backdate(message: Message, iso: string) {
      const { db, search } = world.server.context;
      await db.message.update({ where: { id: message.id }, data: { createdAt: new Date(iso) } });
      await indexMessage({ db, search }, message.id);
    }

    const ids = (...names: string[]) => names.map((name) => m[name]!.id);

    beforeAll(async () => {
      alice = await world.signUp('alice');
      bob = await world.signUp('bob');
      carol = await world.signUp('carol');
      dave = await world.signUp('dave');
      general = (await group(world, alice, [bob], { name: 'General' })).id;
      random = (await group(world, alice, [carol], { kind: 'channel', name: 'random' })).id;
      secret = (await group(world, bob, [carol], { name: 'secret' })).id;
      dm = (await directConversation(world, alice, bob)).id;
      aliceSocket = await world.connect(alice);
      bobSocket = await world.connect(bob);
      carolSocket = await world.connect(carol);

      m.deployed = await send(aliceSocket, general, 'We deployed the new release to production');
      m.deployment = await send(bobSocket, general, 'The deployment checklist is ready');
      m.deploy = await send(bobSocket, general, 'Please deploy on Monday');
      m.ticket = await send(aliceSocket, general, 'Blocked on PLT-3699 until Friday');
      m.url = await send(bobSocket, general, 'The docs moved to https://api.example.com/v2/users today');
      m.tokyo = await send(aliceSocket, general, '来週は東京タワーに行きます');
      m.meeting = await send(bobSocket, general, '会议记录已经上传了');
      m.phrase = await send(aliceSocket, general, 'The release notes are in the wiki');
      m.notes = await send(bobSocket, general, 'Some notes about the release');
      m.draft = await send(aliceSocket, general, 'Release draft for review');
      m.mention = await send(bobSocket, general, '@alice please check the budget');
      m.here = await send(carolSocket, random, '@here standup moves to ten');
      m.random = await send(carolSocket, random, 'random thoughts about kubernetes');
      m.secret = await send(bobSocket, secret, 'secret kubernetes budget numbers');
      m.dm = await send(bobSocket, dm, 'lunch tomorrow? budget permitting');
      m.forecast = await send(aliceSocket, general, 'The quarterly forecast is ready');
      m.retroMarch = await send(aliceSocket, general, 'archived retro outcomes');
      m.retroJune = await send(bobSocket, general, 'summer retro outcomes');
      m.outcomes = await send(aliceSocket, general, 'today’s outcomes are in');
      await backdate(m.retroMarch, '2024-03-10T12:00:00.000Z');
      await backdate(m.retroJune, '2024-06-20T12:00:00.000Z');
    });

    describe('words', () => {
      it('finds a word inside longer words, and a prefix*', async () => {
        expect(new Set(await found(world, alice, { query: 'deploy' }))).toEqual(
          new Set(ids('deployed', 'deployment', 'deploy')),
        );
        expect(new Set(await found(world, alice, { query: 'deplo*' }))).toEqual(
          new Set(ids('deployed', 'deployment', 'deploy')),
        );
      });

      it('finds identifiers whole and in parts', async () => {
        expect(await found(world, alice, { query: 'PLT-3699' })).toEqual(ids('ticket'));
        expect(await found(world, alice, { query: '3699' })).toEqual(ids('ticket'));
        expect(await found(world, alice, { query: 'plt' })).toEqual(ids('ticket'));
      });

      it('finds URLs whole and in parts', async () => {
        expect(await found(world, alice, { query: 'api.example.com/v2' })).toEqual(ids('url'));
        expect(await found(world, alice, { query: 'example.com' })).toEqual(ids('url'));
        expect(await found(world, alice, { query: 'https://api.example.com/v2/users' })).toEqual(ids('url'));
      });

      it('finds Chinese and Japanese words inside sentences without spaces', async () => {
        expect(await found(world, alice, { query: '東京タワー' })).toEqual(ids('tokyo'));
        expect(await found(world, alice, { query: '東京' })).toEqual(ids('tokyo'));
        expect(await found(world, alice, { query: '会议记录' })).toEqual(ids('meeting'));
        expect(await found(world, alice, { query: '会议' })).toEqual(ids('meeting'));
      });

      it.skipIf(engine.name !== 'meilisearch')('forgives a typo', async () => {
        expect(await found(world, alice, { query: 'forcast' })).toEqual(ids('forecast'));
      });

      it('matches every word, case-insensitively', async () => {
        expect(await found(world, alice, { query: 'RELEASE production' })).toEqual(ids('deployed'));
      });

      it('matches an "exact phrase" only with its words in order', async () => {
        expect(await found(world, alice, { query: '"release notes"' })).toEqual(ids('phrase'));
        expect(new Set(await found(world, alice, { query: 'release notes' }))).toEqual(
          new Set(ids('phrase', 'notes')),
        );
      });

      it('leaves out -excluded words and phrases', async () => {
        expect(new Set(await found(world, alice, { query: 'release -draft' }))).toEqual(
          new Set(ids('deployed', 'phrase', 'notes')),
        );
        expect(new Set(await found(world, alice, { query: 'release -"release notes"' }))).toEqual(
          new Set(ids('deployed', 'notes', 'draft')),
        );
      });
    });

    describe('filters', () => {
      it('from:@user', async () => {
        expect(await found(world, alice, { query: 'release from:@bob' })).toEqual(ids('notes'));
        expect(await found(world, alice, { query: 'release from:@nobody' })).toEqual([]);
      });

      it('in:#conversation and in:@user', async () => {
        expect(await found(world, alice, { query: 'kubernetes in:#random' })).toEqual(ids('random'));
        expect(await found(world, alice, { query: 'budget in:@bob' })).toEqual(ids('dm'));
        expect(await found(world, alice, { query: 'budget in:#general' })).toEqual(ids('mention'));
        // alice is not in #secret: as if it didn't exist.
        expect(await found(world, alice, { query: 'kubernetes in:#secret' })).toEqual([]);
      });

      it('before:, after: and on: a day', async () => {
        expect(await found(world, alice, { query: 'retro before:2024-04-01' })).toEqual(ids('retroMarch'));
        expect(await found(world, alice, { query: 'retro after:2024-04-01' })).toEqual(ids('retroJune'));
        expect(await found(world, alice, { query: 'retro on:2024-06-20' })).toEqual(ids('retroJune'));
        expect(await found(world, alice, { query: 'retro on:2024-06-19' })).toEqual([]);
        // 12:00 UTC on June 20 is still June 19 for someone at UTC-14.
        expect(
          await found(world, alice, { query: 'retro on:2024-06-19', utcOffsetMinutes: -14 * 60 }),
        ).toEqual(ids('retroJune'));
        expect(
          await found(world, alice, { query: 'retro after:2024-03-01 before:2024-04-01', sort: 'relevance' }),
        ).toEqual(ids('retroMarch'));
      });

      it('has:link', async () => {
        expect(await found(world, alice, { query: 'has:link' })).toEqual(ids('url'));
        expect(await found(world, alice, { query: 'docs has:link' })).toEqual(ids('url'));
      });

      it('has:file matches nothing until messages can have files', async () => {
        expect(await found(world, alice, { query: 'has:file' })).toEqual([]);
      });

      it('is:mention: messages mentioning me or everyone', async () => {
        expect(new Set(await found(world, alice, { query: 'is:mention' }))).toEqual(
          new Set(ids('mention', 'here')),
        );
        expect(await found(world, bob, { query: 'is:mention' })).toEqual([]);
      });
    });

    describe('permissions', () => {
      it('searches only the conversations the searcher is a member of', async () => {
        expect(await found(world, alice, { query: 'kubernetes' })).toEqual(ids('random'));
        expect(await found(world, carol, { query: 'kubernetes' })).toEqual(ids('secret', 'random'));
        expect(new Set(await found(world, alice, { query: 'budget' }))).toEqual(
          new Set(ids('mention', 'dm')),
        );
      });

      it('gives a member of no conversation nothing', async () => {
        for (const query of ['budget', 'kubernetes', 'from:@bob', 'is:mention', 'has:link', '-zzz']) {
          expect(await found(world, dave, { query })).toEqual([]);
        }
      });

      it('stops finding a conversation’s messages once the searcher leaves it', async () => {
        const leaver = await world.signUp(`leaver${randomBytes(3).toString('hex')}`);
        const room = await group(world, bob, [leaver], { name: 'temporary' });
        const message = await send(bobSocket, room.id, 'ephemeral zeppelin plans');
        expect(await found(world, leaver, { query: 'zeppelin' })).toEqual([message.id]);
        const left = await world.http('POST', `/api/conversations/${room.id}/leave`, {
          token: leaver.accessToken,
        });
        expect(left.status).toBe(204);
        expect(await found(world, leaver, { query: 'zeppelin' })).toEqual([]);
      });

      it('needs a signed-in user', async () => {
        const response = await world.http('POST', '/api/search', { body: { query: 'budget' } });
        expect(response.status).toBe(401);
      });
    });

    describe('results', () => {
      it('come newest first by default, with sender, conversation, time and a highlighted snippet', async () => {
        const response = await search(world, alice, { query: 'PLT-3699' });
        expect(response.status).toBe(200);
        const [result] = response.body.results;
        expect(result).toMatchObject({
          message: { id: m.ticket!.id, conversationId: general, seq: m.ticket!.seq, senderId: alice.user.id },
          conversation: { id: general, kind: 'group', name: 'General' },
          sender: { id: alice.user.id, username: 'alice', displayName: 'Alice' },
        });
        expect(result!.message.createdAt).toBe(m.ticket!.createdAt);
        expect(result!.snippet.map((part) => part.text).join('')).toBe('Blocked on PLT-3699 until Friday');
        const marked = result!.snippet.filter((part) => part.highlight).map((part) => part.text);
        expect(marked.join(' ')).toContain('3699');

        const newest = (await search(world, alice, { query: 'release' })).body.results;
        const times = newest.map((r) => r.message.createdAt);
        expect(times).toEqual([...times].sort().reverse());
      });

      it('by relevance put whole-word matches first', async () => {
        const response = await search(world, alice, { query: 'deploy', sort: 'relevance' });
        expect(response.body.results[0]?.message.id).toBe(m.deploy!.id);
        expect(response.body.results).toHaveLength(3);
      });

      it('come in pages, newest first or by relevance, each message once', async () => {
        for (const sort of ['newest', 'relevance'] as const) {
          const all = await found(world, alice, { query: 'release', sort });
          const paged: string[] = [];
          let cursor: string | undefined;
          do {
            const response = await search(world, alice, {
              query: 'release',
              sort,
              limit: 2,
              ...(cursor ? { cursor } : {}),
            });
            expect(response.status).toBe(200);
            expect(response.body.results.length).toBeLessThanOrEqual(2);
            paged.push(...response.body.results.map((r) => r.message.id));
            cursor = response.body.nextCursor ?? undefined;
          } while (cursor);
          expect(paged).toEqual(all);
          expect(new Set(paged).size).toBe(4);
        }
      });

      it('newest first go from this month back through the years', async () => {
        const pages: string[][] = [];
        let cursor: string | undefined;
        do {
          const response = await search(world, alice, {
            query: 'outcomes',
            limit: 1,
            ...(cursor ? { cursor } : {}),
          });
          pages.push(response.body.results.map((r) => r.message.id));
          cursor = response.body.nextCursor ?? undefined;
        } while (cursor);
        expect(pages.flat()).toEqual(ids('outcomes', 'retroJune', 'retroMarch'));
      });

      it('refuse a cursor from another search', async () => {
        const first = await search(world, alice, { query: 'release', limit: 1 });
        const cursor = first.body.nextCursor!;
        expect(cursor).toBeTruthy();
        for (const body of [
          { query: 'deploy', cursor },
          { query: 'release', sort: 'relevance' as const, cursor },
          { query: 'release', cursor: 'not-a-cursor' },
        ]) {
          const response = await search(world, alice, body);
          expect(response.status).toBe(400);
          expect(response.body.code).toBe('bad_request');
        }
      });

      it('open at the message with its context', async () => {
        const [result] = (await search(world, alice, { query: 'PLT-3699' })).body.results;
        const page = await ok(aliceSocket, 'history:fetch', {
          conversationId: result!.message.conversationId,
          aroundSeq: result!.message.seq,
          limit: 5,
        });
        const seqs = page.messages.map((message) => message.seq);
        expect(seqs).toEqual([0, 1, 2, 3, 4].map((i) => result!.message.seq - 2 + i));
        expect(page.messages[2]!.id).toBe(m.ticket!.id);
        expect(page.hasMore).toBe(true);
        expect(page.hasMoreAfter).toBe(true);
      });
    });

    describe('bad input', () => {
      it.each([
        ['"unclosed phrase', 'a quote is not closed'],
        ['before:2024-13-45', 'before: needs a date'],
        ['has:video', 'has: takes link or file'],
        ['-', 'nothing to exclude'],
        ['', 'type something to search for'],
      ])('%j is a bad_request that says why', async (query, message) => {
        const response = await search(world, alice, { query });
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: 'bad_request' });
        expect(JSON.stringify(response.body)).toContain(message);
      });

      it('refuses bad paging and unknown fields', async () => {
        for (const body of [
          { query: 'x', limit: 1000 },
          { query: 'x', limit: 0 },
          { query: 'x', sort: 'oldest' },
          { query: 'x', scope: 'everything' },
          { query: 42 },
        ]) {
          const response = await world.http('POST', '/api/search', { token: alice.accessToken, body });
          expect(response.status).toBe(400);
        }
      });
    });

    describe('indexing', () => {
      it('reflects an edit and a delete once their jobs ran', async () => {
        const message = await send(aliceSocket, general, 'bananas for everyone');
        expect(await found(world, alice, { query: 'bananas' })).toEqual([message.id]);

        const edited = await ok(aliceSocket, 'message:edit', {
          messageId: message.id,
          body: 'oranges for everyone',
        });
        await indexed(world, edited);
        expect(await found(world, alice, { query: 'bananas' })).toEqual([]);
        expect(await found(world, alice, { query: 'oranges' })).toEqual([message.id]);

        const deleted = await ok(aliceSocket, 'message:delete', { messageId: message.id });
        await indexed(world, deleted);
        expect(await found(world, alice, { query: 'oranges' })).toEqual([]);
      });

      it('indexes what the message says now, even when the job runs late', async () => {
        const message = await send(aliceSocket, general, 'first draft of the haiku');
        const edited = await ok(aliceSocket, 'message:edit', {
          messageId: message.id,
          body: 'final haiku, polished',
        });
        await indexed(world, edited);
        // The send's job again, long after the edit: it reads the current row.
        const queue = world.server.context.jobs.queues.searchIndex;
        await (await queue.getJob(indexJobId(message.id, message.changeSeq)))?.remove();
        enqueueMessageIndexing(world.server.context, message);
        await indexed(world, message);
        expect(await found(world, alice, { query: 'draft haiku' })).toEqual([]);
        expect(await found(world, alice, { query: 'polished' })).toEqual([message.id]);
      });

      it('answers 503 unavailable while the engine is down, and searches again once it is back', async () => {
        const message = await send(aliceSocket, general, 'lighthouse keeper schedule');
        await indexed(world, message);
        await engine.outage.takeDown(world);
        let outageOver = false;
        try {
          const refused = await search(world, alice, { query: 'lighthouse' });
          expect(refused.status).toBe(503);
          expect(refused.body).toMatchObject({
            code: 'unavailable',
            message: expect.stringContaining('try again'),
          });
          await engine.outage.bringBack(world);
          outageOver = true;
          expect(await found(world, alice, { query: 'lighthouse' })).toEqual([message.id]);
        } finally {
          if (!outageOver) await engine.outage.bringBack(world);
        }
      });

      it('retries while the engine is down and catches up when it is back', async () => {
        await engine.outage.takeDown(world);
        let outageOver = false;
        try {
          const message = await ok(aliceSocket, 'message:send', {
            conversationId: general,
            clientId: newClientId(),
            body: 'phoenix rises from the outage',
          });
          const edited = await ok(aliceSocket, 'message:edit', {
            messageId: message.id,
            body: 'phoenix rose again',
          });
          await failedAttempts(world, indexJobId(edited.id, edited.changeSeq), 1);
          // Waiting to be retried: /metrics shows the backlog.
          const metrics = await fetch(`${world.url}/metrics`).then((response) => response.text());
          const depth = /confab_job_queue_depth\{queue="search-index"\} (\d+)/.exec(metrics)?.[1];
          expect(Number(depth)).toBeGreaterThanOrEqual(1);
          await engine.outage.bringBack(world);
          outageOver = true;
          await indexed(world, message);
          await indexed(world, edited);
          expect(await found(world, alice, { query: 'phoenix' })).toEqual([message.id]);
          expect(await found(world, alice, { query: 'outage' })).toEqual([]);
        } finally {
          if (!outageOver) await engine.outage.bringBack(world);
        }
      });
    });
  });
}
