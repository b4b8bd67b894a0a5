import { z } from 'zod';

/** Everything the server reads from its environment, validated in one place. */
export const ServerConfig = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('127.0.0.1'),
  databaseUrl: z.string().startsWith('postgres'),
  redisUrl: z.string().startsWith('redis'),
  /** Signs access tokens; every server process of one deployment needs the same value. */
  authSecret: z.string().min(32),
  accessTokenTtlSeconds: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  editWindowSeconds: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(60 * 60),
  presenceGraceMs: z.coerce.number().int().nonnegative().default(10_000),
  presenceHeartbeatMs: z.coerce.number().int().positive().default(15_000),
  presenceBatchMs: z.coerce.number().int().nonnegative().default(250),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** On SIGTERM: how long to spread disconnects and wait for in-flight sends before exiting. */
  drainTimeoutMs: z.coerce.number().int().nonnegative().default(10_000),
  /** Per user: messages sent, edited, deleted or reacted to, per 10 s. */
  rateLimitSendsPer10s: z.coerce.number().int().positive().default(60),
  /** Per user: typing notices per 10 s. */
  rateLimitTypingPer10s: z.coerce.number().int().positive().default(20),
  /** Per user: presence subscriptions and status changes per minute. */
  rateLimitPresencePerMinute: z.coerce.number().int().positive().default(60),
  /** Per IP and username: sign-in attempts per minute. */
  rateLimitLoginsPerMinute: z.coerce.number().int().positive().default(10),
  /** Per IP: new Socket.IO connections per minute. */
  rateLimitConnectionsPerMinute: z.coerce.number().int().positive().default(120),
});
export type ServerConfig = z.infer<typeof ServerConfig>;
export type ServerConfigInput = z.input<typeof ServerConfig>;

const ENV_NAMES: Record<keyof ServerConfig, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  redisUrl: 'REDIS_URL',
  authSecret: 'AUTH_SECRET',
  accessTokenTtlSeconds: 'ACCESS_TOKEN_TTL_SECONDS',
  editWindowSeconds: 'EDIT_WINDOW_SECONDS',
  presenceGraceMs: 'PRESENCE_GRACE_MS',
  presenceHeartbeatMs: 'PRESENCE_HEARTBEAT_MS',
  presenceBatchMs: 'PRESENCE_BATCH_MS',
  logLevel: 'LOG_LEVEL',
  drainTimeoutMs: 'DRAIN_TIMEOUT_MS',
  rateLimitSendsPer10s: 'RATE_LIMIT_SENDS_PER_10S',
  rateLimitTypingPer10s: 'RATE_LIMIT_TYPING_PER_10S',
  rateLimitPresencePerMinute: 'RATE_LIMIT_PRESENCE_PER_MINUTE',
  rateLimitLoginsPerMinute: 'RATE_LIMIT_LOGINS_PER_MINUTE',
  rateLimitConnectionsPerMinute: 'RATE_LIMIT_CONNECTIONS_PER_MINUTE',
};

/** Reads the config from environment variables; a wrong value names the variable. */
export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const raw = Object.fromEntries(
    Object.entries(ENV_NAMES).map(([key, name]) => [key, env[name] === '' ? undefined : env[name]]),
  );
  const parsed = ServerConfig.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path[0] as keyof ServerConfig;
      return `${ENV_NAMES[key] ?? String(key)}: ${issue.message}`;
    });
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
