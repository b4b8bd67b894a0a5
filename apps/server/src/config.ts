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
