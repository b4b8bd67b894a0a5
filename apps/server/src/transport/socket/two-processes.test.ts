import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversation, group } from '../../test-support/fixtures.js';
import { type ServerProcess, spawnServerProcess } from '../../test-support/server-process.js';
import { newClientId, nextEvent, ok, startTestWorld, type TestWorld } from '../../test-support/test-world.js';

let world: TestWorld;
let second: ServerProcess;
beforeAll(async () => {
  world = await startTestWorld();
  second = await spawnServerProcess({
    DATABASE_URL: world.databaseUrl,
    REDIS_URL: world.redisUrl,
    AUTH_SECRET: world.server.config.authSecret,
  });
});
afterAll(async () => {
  await second?.stop();
  await world?.close();
});

describe('two server processes sharing PostgreSQL and Redis', () => {
  it('deliver to each other’s clients both ways', async () => {
    const ana = await world.signUp('ana');
    const ben = await world.signUp('ben');
    const dm = await directConversation(world, ana, ben);
    const anaOnFirst = await world.connect(ana);
    const benOnSecond = await world.connect(ben, { url: second.url });

    const toBen = nextEvent(benOnSecond, 'message:new');
    const sent = await ok(anaOnFirst, 'message:send', {
      conversationId: dm.id,
      clientId: newClientId(),
      body: 'across',
    });
    expect(await toBen).toEqual(sent);

    const toAna = nextEvent(anaOnFirst, 'message:new', (m) => m.body === 'and back');
    const reply = await ok(benOnSecond, 'message:send', {
      conversationId: dm.id,
      clientId: newClientId(),
      body: 'and back',
    });
    expect(await toAna).toEqual(reply);
  });

  it('carry typing, read cursors and device revocation across processes', async () => {
    const cy = await world.signUp('cy');
    const dee = await world.signUp('dee');
    const team = await group(world, cy, [dee]);
    const cyOnFirst = await world.connect(cy);
    const deeOnSecond = await world.connect(dee, { url: second.url });

    const typing = nextEvent(deeOnSecond, 'typing');
    await ok(cyOnFirst, 'typing:start', { conversationId: team.id });
    expect(await typing).toEqual({ conversationId: team.id, userId: cy.user.id, typing: true });

    const message = await ok(cyOnFirst, 'message:send', {
      conversationId: team.id,
      clientId: newClientId(),
      body: 'read me',
    });
    const receipt = nextEvent(cyOnFirst, 'read:updated', (r) => r.userId === dee.user.id);
    await ok(deeOnSecond, 'read:mark', { conversationId: team.id, seq: message.seq });
    expect(await receipt).toMatchObject({ readSeq: message.seq });

    const gone = new Promise((resolve) => deeOnSecond.once('disconnect', resolve));
    await world.http('DELETE', `/api/devices/${dee.deviceId}`, { token: dee.accessToken });
    await gone;
  });

  it('share presence: a watcher on one process sees a user come online on the other', async () => {
    const eve = await world.signUp('eve');
    const fay = await world.signUp('fay');
    await directConversation(world, eve, fay);
    const watcher = await world.connect(eve);
    await ok(watcher, 'presence:subscribe', { userIds: [fay.user.id] });
    const online = nextEvent(watcher, 'presence', (p) =>
      p.updates.some((u) => u.userId === fay.user.id && u.status === 'online'),
    );
    await world.connect(fay, { url: second.url });
    await online;
  });
});
