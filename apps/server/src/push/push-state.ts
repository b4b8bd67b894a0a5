import type { Redis } from '../platform/redis.js';

/** Markers live a week: long enough for any notification to matter, short enough to clean up. */
const MARKER_TTL_SECONDS = 7 * 24 * 60 * 60;

const notifiedKey = (userId: string, conversationId: string) => `push:notified:${userId}:${conversationId}`;
const shownKey = (userId: string, conversationId: string) => `push:shown:${userId}:${conversationId}`;
const foldedKey = (userId: string) => `push:folded:${userId}`;
const rateKey = (userId: string) => `push:rate:${userId}`;

// Deletes the marker only if the read cursor reached it: a newer notification stays.
const TAKE_IF_READ = `
local shown = redis.call('GET', KEYS[1])
if shown and tonumber(shown) <= tonumber(ARGV[1]) then return redis.call('DEL', KEYS[1]) end
return 0`;

/** What the push jobs remember between runs, in Redis (losing it costs at most a repeated notification). */
export class PushState {
  constructor(private readonly redis: Redis) {}

  /** The highest seq a notification (or a summary) already covered. */
  async notifiedSeq(userId: string, conversationId: string): Promise<number> {
    return Number((await this.redis.get(notifiedKey(userId, conversationId))) ?? 0);
  }

  async markNotified(userId: string, conversationId: string, seq: number, shown: boolean): Promise<void> {
    const multi = this.redis.multi().set(notifiedKey(userId, conversationId), seq, 'EX', MARKER_TTL_SECONDS);
    if (shown) multi.set(shownKey(userId, conversationId), seq, 'EX', MARKER_TTL_SECONDS);
    await multi.exec();
  }

  /** True once per shown notification, when the user has read up to it. */
  async takeShownIfRead(userId: string, conversationId: string, readSeq: number): Promise<boolean> {
    return (await this.redis.eval(TAKE_IF_READ, 1, shownKey(userId, conversationId), readSeq)) === 1;
  }

  /**
   * Counts one notification against the user's window (a fixed window from the first one).
   * `resetInMs`: when the window ends.
   */
  async takeSlot(
    userId: string,
    limit: number,
    windowMs: number,
  ): Promise<{ allowed: boolean; resetInMs: number }> {
    const key = rateKey(userId);
    const results = await this.redis.multi().set(key, 0, 'PX', windowMs, 'NX').incr(key).pttl(key).exec();
    const count = Number(results?.[1]?.[1] ?? 0);
    const ttl = Number(results?.[2]?.[1] ?? windowMs);
    return { allowed: count <= limit, resetInMs: Math.max(ttl, 0) };
  }

  /** How long until the user's current window ends (0: no window open). */
  async windowResetInMs(userId: string): Promise<number> {
    return Math.max(await this.redis.pttl(rateKey(userId)), 0);
  }

  async fold(userId: string, conversationId: string): Promise<void> {
    await this.redis
      .multi()
      .sadd(foldedKey(userId), conversationId)
      .expire(foldedKey(userId), MARKER_TTL_SECONDS)
      .exec();
  }

  folded(userId: string): Promise<string[]> {
    return this.redis.smembers(foldedKey(userId));
  }

  async unfold(userId: string, conversationIds: readonly string[]): Promise<void> {
    if (conversationIds.length > 0) await this.redis.srem(foldedKey(userId), ...conversationIds);
  }
}
