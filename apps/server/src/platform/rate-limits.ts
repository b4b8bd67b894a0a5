import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { ServerConfig } from '../config.js';
import { DomainError } from './errors.js';
import type { Metrics } from './metrics.js';
import type { Redis } from './redis.js';

export type LimitName = 'send' | 'typing' | 'presence' | 'login' | 'connect';

/** Limits kept in Redis, so they hold across every server process. */
export function createRateLimits(redis: Redis, config: ServerConfig, metrics: Metrics) {
  const limiter = (name: LimitName, points: number, duration: number) =>
    new RateLimiterRedis({ storeClient: redis, keyPrefix: `rate:${name}`, points, duration });
  const limiters: Record<LimitName, RateLimiterRedis> = {
    send: limiter('send', config.rateLimitSendsPer10s, 10),
    typing: limiter('typing', config.rateLimitTypingPer10s, 10),
    presence: limiter('presence', config.rateLimitPresencePerMinute, 60),
    login: limiter('login', config.rateLimitLoginsPerMinute, 60),
    connect: limiter('connect', config.rateLimitConnectionsPerMinute, 60),
  };
  return {
    /** Takes one point for `key`, or refuses with `rate_limited` and when to retry. */
    async consume(name: LimitName, key: string): Promise<void> {
      try {
        await limiters[name].consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        metrics.rateLimited.inc({ limit: name });
        throw new DomainError('rate_limited', `too many ${name} requests; try again shortly`, {
          retryAfterMs: Math.max(1, Math.ceil(error.msBeforeNext)),
        });
      }
    },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
