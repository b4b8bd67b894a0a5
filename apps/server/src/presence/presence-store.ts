import type { ChosenStatus, PresenceStatus } from '@confab/shared';
import type { Redis } from '../platform/redis.js';

/** One live connection of a user, as recorded in Redis by the server process holding it. */
export interface ConnectionRecord {
  deviceId: string;
  active: boolean;
  /** Refreshed by the holder's heartbeat; a record past it belongs to a process that died. */
  expiresAt: number;
}

const connsKey = (userId: string) => `presence:conns:${userId}`;
const publishedKey = (userId: string) => `presence:published:${userId}`;
const chosenKey = (userId: string) => `presence:chosen:${userId}`;
const OFFLINE_DUE = 'presence:offline-due';
/** Per user, the latest expiry of any of their connections: finds users whose server process died. */
const EXPIRIES = 'presence:expiries';

/** Presence lives in Redis only: it is shared by all server processes and never worth a disk write. */
export class PresenceStore {
  constructor(private readonly redis: Redis) {}

  async putConnection(userId: string, socketId: string, record: ConnectionRecord): Promise<void> {
    await this.redis
      .multi()
      .hset(connsKey(userId), socketId, JSON.stringify(record))
      .zadd(EXPIRIES, 'GT', record.expiresAt, userId)
      .zrem(OFFLINE_DUE, userId)
      .exec();
  }

  async removeConnection(userId: string, socketId: string): Promise<void> {
    await this.redis.hdel(connsKey(userId), socketId);
  }

  async refresh(
    entries: Array<{ userId: string; socketId: string; record: ConnectionRecord }>,
  ): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { userId, socketId, record } of entries) {
      pipeline.hset(connsKey(userId), socketId, JSON.stringify(record));
      pipeline.zadd(EXPIRIES, 'GT', record.expiresAt, userId);
    }
    await pipeline.exec();
  }

  /** The user's unexpired connections; expired ones are dropped on the way. */
  async liveConnections(userId: string, now: number): Promise<ConnectionRecord[]> {
    const all = await this.redis.hgetall(connsKey(userId));
    const live: ConnectionRecord[] = [];
    const expired: string[] = [];
    for (const [socketId, json] of Object.entries(all)) {
      const record = JSON.parse(json) as ConnectionRecord;
      if (record.expiresAt > now) live.push(record);
      else expired.push(socketId);
    }
    if (expired.length > 0) await this.redis.hdel(connsKey(userId), ...expired);
    return live;
  }

  async scheduleOffline(userId: string, dueAt: number): Promise<void> {
    await this.redis.zadd(OFFLINE_DUE, dueAt, userId);
  }

  /** Users whose grace period ran out; each is handed to exactly one server process. */
  async takeDueOffline(now: number): Promise<string[]> {
    return this.takeDue(OFFLINE_DUE, now);
  }

  private async takeDue(key: string, now: number): Promise<string[]> {
    const due = await this.redis.zrangebyscore(key, 0, now, 'LIMIT', 0, 500);
    const taken: string[] = [];
    for (const userId of due) {
      if ((await this.redis.zrem(key, userId)) === 1) taken.push(userId);
    }
    return taken;
  }

  /** Users none of whose connections has been refreshed in time (their server process died). */
  async takeExpired(now: number): Promise<string[]> {
    return this.takeDue(EXPIRIES, now);
  }

  /** Records the status others were last told and returns the one before. */
  async swapPublished(userId: string, status: PresenceStatus): Promise<PresenceStatus> {
    const previous = await this.redis.set(publishedKey(userId), status, 'GET');
    return (previous as PresenceStatus | null) ?? 'offline';
  }

  async published(userIds: string[]): Promise<Map<string, PresenceStatus>> {
    if (userIds.length === 0) return new Map();
    const values = await this.redis.mget(userIds.map(publishedKey));
    return new Map(userIds.map((id, i) => [id, (values[i] as PresenceStatus | null) ?? 'offline']));
  }

  async setChosen(userId: string, status: ChosenStatus): Promise<void> {
    await this.redis.set(chosenKey(userId), status);
  }

  async chosen(userId: string): Promise<ChosenStatus> {
    return ((await this.redis.get(chosenKey(userId))) as ChosenStatus | null) ?? 'auto';
  }
}

/** A user's presence is the union of their devices, unless they chose a status. */
export function effectiveStatus(connections: ConnectionRecord[], chosen: ChosenStatus): PresenceStatus {
  if (connections.length === 0) return 'offline';
  if (chosen === 'dnd') return 'dnd';
  if (chosen === 'away') return 'away';
  return connections.some((c) => c.active) ? 'online' : 'away';
}
