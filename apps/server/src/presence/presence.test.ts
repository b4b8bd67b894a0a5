import type { ChosenStatus, Presence } from '@confab/shared';
import { describe, expect, it } from 'vitest';
import { directConversation } from '../test-support/fixtures.js';
import { spawnServerProcess } from '../test-support/server-process.js';
import { nextEvent, ok, sleep, useTestWorld } from '../test-support/test-world.js';
import { PresenceService } from './presence-service.js';
import { PresenceStore } from './presence-store.js';

const GRACE_MS = 400;
const world = useTestWorld({ presenceGraceMs: GRACE_MS, presenceBatchMs: 20 });

async function pair(a: string, b: string) {
  const watcher = await world.signUp(a);
  const watched = await world.signUp(b);
  await directConversation(world, watcher, watched);
  const watcherSocket = await world.connect(watcher);
  const updates: Presence[] = [];
  watcherSocket.on('presence', ({ updates: batch }) => {
    updates.push(...batch.filter((u) => u.userId === watched.user.id));
  });
  return { watcher, watched, watcherSocket, updates };
}

describe('presence', () => {
  it('is offline for someone with no connection and online once they connect', async () => {
    const { watched, watcherSocket } = await pair('ana', 'ben');
    const { presences } = await ok(watcherSocket, 'presence:subscribe', { userIds: [watched.user.id] });
    expect(presences).toEqual([{ userId: watched.user.id, status: 'offline', lastSeenAt: null }]);
    const online = nextEvent(watcherSocket, 'presence', (p) =>
      p.updates.some((u) => u.userId === watched.user.id),
    );
    await world.connect(watched);
    expect((await online).updates).toEqual([{ userId: watched.user.id, status: 'online', lastSeenAt: null }]);
  });

  it('goes offline only after the grace period, with a last-seen time', async () => {
    const { watched, watcherSocket, updates } = await pair('cy', 'dee');
    const watchedSocket = await world.connect(watched);
    await ok(watcherSocket, 'presence:subscribe', { userIds: [watched.user.id] });
    await sleep(100);
    updates.length = 0;
    const disconnectedAt = Date.now();
    watchedSocket.disconnect();
    await sleep(GRACE_MS / 2);
    expect(updates).toEqual([]);
    const offline = await nextEvent(
      watcherSocket,
      'presence',
      (p) => p.updates.some((u) => u.userId === watched.user.id),
      3_000,
    );
    expect(Date.now() - disconnectedAt).toBeGreaterThanOrEqual(GRACE_MS);
    expect(offline.updates[0]).toMatchObject({ status: 'offline', lastSeenAt: expect.any(String) });
  });

  it('sends no update at all when a device reconnects within the grace period', async () => {
    const { watched, watcherSocket, updates } = await pair('eve', 'fay');
    const first = await world.connect(watched);
    await ok(watcherSocket, 'presence:subscribe', { userIds: [watched.user.id] });
    await sleep(100);
    updates.length = 0;
    first.disconnect();
    await sleep(GRACE_MS / 4);
    await world.connect(watched);
    await sleep(GRACE_MS * 2);
    expect(updates).toEqual([]);
  });

  it('stays online while any device is connected: presence is the union of devices', async () => {
    const { watched, watcherSocket, updates } = await pair('gus', 'hal');
    const laptop = await world.connect(watched);
    await world.connect(await world.signIn('hal', 'Phone'));
    await ok(watcherSocket, 'presence:subscribe', { userIds: [watched.user.id] });
    await sleep(100);
    updates.length = 0;
    laptop.disconnect();
    await sleep(GRACE_MS * 2);
    expect(updates).toEqual([]);
  });

  it('is away when every device is idle, and do-not-disturb when chosen', async () => {
    const { watched, watcherSocket, updates } = await pair('ivy', 'jo');
    const device = await world.connect(watched);
    await ok(watcherSocket, 'presence:subscribe', { userIds: [watched.user.id] });
    await sleep(100);
    updates.length = 0;
    await ok(device, 'presence:activity', { active: false });
    await nextEvent(watcherSocket, 'presence');
    await ok(device, 'presence:setStatus', { status: 'dnd' });
    await nextEvent(watcherSocket, 'presence');
    expect(updates.map((u) => u.status)).toEqual(['away', 'dnd']);
  });

  it('keeps an idle report or a disconnect that arrives while the connection is still registering', async () => {
    const ana = await world.signUp('pia');
    const ben = await world.signUp('quin');
    const service = new PresenceService(world.server.context, {
      broadcastToOtherProcesses: () => {},
      emitToSocket: () => {},
    });
    const store = new PresenceStore(world.server.context.redis);
    let loaded = (_: ChosenStatus) => {};
    const slowLookup = () => new Promise<ChosenStatus>((resolve) => (loaded = resolve));

    const anaConnecting = service.connected('socket-a', ana.user.id, ana.deviceId, slowLookup);
    await service.activity('socket-a', false);
    loaded('auto');
    await anaConnecting;
    expect(await store.liveConnections(ana.user.id, Date.now())).toEqual([
      expect.objectContaining({ active: false }),
    ]);

    const benConnecting = service.connected('socket-b', ben.user.id, ben.deviceId, slowLookup);
    await service.disconnected('socket-b');
    loaded('auto');
    await benConnecting;
    expect(await store.liveConnections(ben.user.id, Date.now())).toEqual([]);
    await service.disconnected('socket-a');
  });

  it('sends a connection only the users it subscribed to', async () => {
    const { watched, watcherSocket } = await pair('kim', 'lee');
    const stranger = await world.signUp('max');
    await directConversation(world, await world.signIn('kim'), stranger);
    await ok(watcherSocket, 'presence:subscribe', { userIds: [watched.user.id] });
    const seen: string[] = [];
    watcherSocket.on('presence', ({ updates }) => seen.push(...updates.map((u) => u.userId)));
    await world.connect(stranger);
    await world.connect(watched);
    await sleep(300);
    expect(seen).toEqual([watched.user.id]);
  });
});

describe('presence when a server process dies', () => {
  it('goes offline once the dead process’s heartbeats stop', async () => {
    const watcher = await world.signUp('ned');
    const watched = await world.signUp('oli');
    await directConversation(world, watcher, watched);
    const doomed = await spawnServerProcess({
      DATABASE_URL: world.databaseUrl,
      REDIS_URL: world.redisUrl,
      AUTH_SECRET: world.server.config.authSecret,
      PRESENCE_HEARTBEAT_MS: '100',
    });
    const watcherSocket = await world.connect(watcher);
    await ok(watcherSocket, 'presence:subscribe', { userIds: [watched.user.id] });
    const online = nextEvent(watcherSocket, 'presence', (p) => p.updates.some((u) => u.status === 'online'));
    await world.connect(watched, { url: doomed.url });
    await online;
    const offline = nextEvent(
      watcherSocket,
      'presence',
      (p) => p.updates.some((u) => u.status === 'offline'),
      8_000,
    );
    await doomed.crash();
    expect((await offline).updates[0]).toMatchObject({ userId: watched.user.id, status: 'offline' });
  });
});
