import type { ChosenStatus, Presence } from '@confab/shared';
import type { ServerContext } from '../context.js';
import { effectiveStatus, PresenceStore } from './presence-store.js';

/** How presence batches leave this process: to the other processes, and to local subscribers. */
export interface PresenceTransport {
  broadcastToOtherProcesses(updates: Presence[]): void;
  emitToSocket(socketId: string, updates: Presence[]): void;
}

interface LocalConnection {
  userId: string;
  deviceId: string;
  active: boolean;
}

/**
 * Heartbeats keep each connection's Redis record alive; a user goes offline only after the grace
 * period with no connection (so a flapping network doesn't flicker); changes are batched, and
 * each connection hears only about the users it subscribed to.
 */
export class PresenceService {
  private readonly store: PresenceStore;
  private readonly local = new Map<string, LocalConnection>();
  private readonly subscriptions = new Map<string, Set<string>>();
  private readonly watchers = new Map<string, Set<string>>();
  private pending = new Map<string, Presence>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly ctx: ServerContext,
    private readonly transport: PresenceTransport,
  ) {
    this.store = new PresenceStore(ctx.redis);
  }

  start(): void {
    const { presenceHeartbeatMs, presenceGraceMs, presenceBatchMs } = this.ctx.config;
    const every = (ms: number, task: () => Promise<void>) => {
      const timer = setInterval(
        () => task().catch((error) => this.ctx.log.error({ err: error }, 'presence task failed')),
        ms,
      );
      timer.unref();
      this.timers.push(timer);
    };
    every(presenceHeartbeatMs, () => this.heartbeat());
    every(Math.max(20, Math.min(1_000, presenceGraceMs / 4)), () => this.sweepOffline());
    every(Math.max(10, presenceBatchMs), async () => this.flush());
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
  }

  private expiry(): number {
    return Date.now() + this.ctx.config.presenceHeartbeatMs * 3;
  }

  /**
   * Registers the connection before anything is awaited, so a `presence:activity` or a disconnect
   * that arrives while the chosen status is still loading is applied, not lost.
   */
  async connected(
    socketId: string,
    userId: string,
    deviceId: string,
    loadChosen: () => Promise<ChosenStatus>,
  ): Promise<void> {
    const connection = { userId, deviceId, active: true };
    this.local.set(socketId, connection);
    const chosen = await loadChosen();
    if (this.local.get(socketId) !== connection) return;
    await this.store.setChosen(userId, chosen);
    // Whatever activity said meanwhile wins: `connection.active` is read when the write is issued.
    await this.store.putConnection(userId, socketId, {
      deviceId,
      active: connection.active,
      expiresAt: this.expiry(),
    });
    await this.recompute(userId);
  }

  async disconnected(socketId: string): Promise<void> {
    const connection = this.local.get(socketId);
    this.local.delete(socketId);
    this.unsubscribeAll(socketId);
    if (!connection) return;
    await this.store.removeConnection(connection.userId, socketId);
    const live = await this.store.liveConnections(connection.userId, Date.now());
    if (live.length === 0) {
      await this.store.scheduleOffline(connection.userId, Date.now() + this.ctx.config.presenceGraceMs);
    } else {
      await this.recompute(connection.userId);
    }
  }

  async activity(socketId: string, active: boolean): Promise<void> {
    const connection = this.local.get(socketId);
    if (!connection || connection.active === active) return;
    connection.active = active;
    await this.store.putConnection(connection.userId, socketId, {
      deviceId: connection.deviceId,
      active,
      expiresAt: this.expiry(),
    });
    await this.recompute(connection.userId);
  }

  async setChosenStatus(userId: string, status: ChosenStatus): Promise<void> {
    await this.ctx.db.user.update({ where: { id: userId }, data: { chosenStatus: status } });
    await this.store.setChosen(userId, status);
    await this.recompute(userId);
  }

  /** Replaces what this connection watches and returns the watched users' presence now. */
  async subscribe(socketId: string, userIds: string[]): Promise<Presence[]> {
    this.unsubscribeAll(socketId);
    const wanted = new Set(userIds);
    this.subscriptions.set(socketId, wanted);
    for (const userId of wanted) {
      const sockets = this.watchers.get(userId) ?? new Set();
      sockets.add(socketId);
      this.watchers.set(userId, sockets);
    }
    return this.current([...wanted]);
  }

  private unsubscribeAll(socketId: string): void {
    for (const userId of this.subscriptions.get(socketId) ?? []) {
      const sockets = this.watchers.get(userId);
      sockets?.delete(socketId);
      if (sockets?.size === 0) this.watchers.delete(userId);
    }
    this.subscriptions.delete(socketId);
  }

  private async current(userIds: string[]): Promise<Presence[]> {
    const statuses = await this.store.published(userIds);
    const users = await this.ctx.db.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, lastSeenAt: true },
    });
    const lastSeen = new Map(users.map((u) => [u.id, u.lastSeenAt?.toISOString() ?? null]));
    return userIds.map((userId) => ({
      userId,
      status: statuses.get(userId) ?? 'offline',
      lastSeenAt: lastSeen.get(userId) ?? null,
    }));
  }

  private async recompute(userId: string): Promise<void> {
    const now = Date.now();
    const status = effectiveStatus(
      await this.store.liveConnections(userId, now),
      await this.store.chosen(userId),
    );
    const previous = await this.store.swapPublished(userId, status);
    if (previous === status) return;
    let lastSeenAt: string | null = null;
    if (status === 'offline') {
      const seen = new Date(now);
      await this.ctx.db.user.update({ where: { id: userId }, data: { lastSeenAt: seen } });
      lastSeenAt = seen.toISOString();
    }
    this.pending.set(userId, { userId, status, lastSeenAt });
  }

  private async heartbeat(): Promise<void> {
    const expiresAt = this.expiry();
    await this.store.refresh(
      [...this.local].map(([socketId, c]) => ({
        userId: c.userId,
        socketId,
        record: { deviceId: c.deviceId, active: c.active, expiresAt },
      })),
    );
  }

  private async sweepOffline(): Promise<void> {
    const now = Date.now();
    const due = [...(await this.store.takeDueOffline(now)), ...(await this.store.takeExpired(now))];
    for (const userId of new Set(due)) await this.recompute(userId);
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    const updates = [...this.pending.values()];
    this.pending = new Map();
    this.transport.broadcastToOtherProcesses(updates);
    this.deliverLocally(updates);
  }

  /** Each local connection gets one event with the updates about the users it watches. */
  deliverLocally(updates: Presence[]): void {
    const perSocket = new Map<string, Presence[]>();
    for (const update of updates) {
      for (const socketId of this.watchers.get(update.userId) ?? []) {
        perSocket.set(socketId, [...(perSocket.get(socketId) ?? []), update]);
      }
    }
    for (const [socketId, list] of perSocket) this.transport.emitToSocket(socketId, list);
  }
}
