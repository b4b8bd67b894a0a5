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
  /** Search on the Meilisearch server at this URL; unset: PostgreSQL full-text search. */
  meiliUrl: z.url().optional(),
  meiliKey: z.string().optional(),
  /** The Meilisearch index that holds the messages. */
  meiliIndex: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/)
    .default('confab-messages'),
  /** Run the background job workers (search indexing) in this process; false when `npm run worker` does. */
  runJobWorkers: z.union([z.boolean(), z.stringbool()]).default(true),
  /** Web Push (apps/server/src/push/, docs/notifications.md): wait this long before notifying. */
  pushDelayMs: z.coerce.number().int().nonnegative().default(5_000),
  /** Per user: notifications per window (a minute); the rest are folded into one summary. */
  pushRateLimitPerMinute: z.coerce.number().int().positive().default(5),
  pushRateWindowMs: z.coerce.number().int().positive().default(60_000),
  /** Tries per notification when the push service answers 5xx or times out; backoff doubles. */
  pushAttempts: z.coerce.number().int().positive().default(5),
  pushRetryBaseMs: z.coerce.number().int().positive().default(2_000),
  pushTimeoutMs: z.coerce.number().int().positive().default(10_000),
  /** A PEM file of extra CAs to trust for push services (a private or test push service). */
  pushCaFile: z.string().min(1).optional(),
  /** Hosts subscriptions may point at (`*.` for subdomains, `*` for any): the server POSTs there. */
  pushEndpointHosts: z
    .union([z.string(), z.array(z.string())])
    .default('*.googleapis.com,*.mozilla.com,*.push.apple.com,*.notify.windows.com')
    .transform((hosts) =>
      (typeof hosts === 'string' ? hosts.split(',') : hosts)
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** VAPID keys (base64url, as `npx web-push generate-vapid-keys` prints); unset: generated once. */
  vapidPublicKey: z
    .string()
    .regex(/^B[A-Za-z0-9_-]{86}$/, 'a P-256 public key, base64url')
    .optional(),
  vapidPrivateKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'a P-256 private key, base64url')
    .optional(),
  /** The contact push services may use: a mailto: or https: URL. */
  vapidSubject: z
    .string()
    .regex(/^(mailto:|https:)/, 'a mailto: or https: URL')
    .default('mailto:admin@localhost'),
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
  meiliUrl: 'MEILI_URL',
  meiliKey: 'MEILI_KEY',
  meiliIndex: 'MEILI_INDEX',
  runJobWorkers: 'RUN_JOB_WORKERS',
  pushDelayMs: 'PUSH_DELAY_MS',
  pushRateLimitPerMinute: 'PUSH_RATE_LIMIT_PER_MINUTE',
  pushRateWindowMs: 'PUSH_RATE_WINDOW_MS',
  pushAttempts: 'PUSH_ATTEMPTS',
  pushRetryBaseMs: 'PUSH_RETRY_BASE_MS',
  pushTimeoutMs: 'PUSH_TIMEOUT_MS',
  pushCaFile: 'PUSH_CA_FILE',
  pushEndpointHosts: 'PUSH_ENDPOINT_HOSTS',
  vapidPublicKey: 'VAPID_PUBLIC_KEY',
  vapidPrivateKey: 'VAPID_PRIVATE_KEY',
  vapidSubject: 'VAPID_SUBJECT',
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

/**
 * Like configFromEnv, for a process that needs only some of the settings (the job worker, the
 * search reindex command): the others may be unset.
 */
export function configSubsetFromEnv<K extends keyof ServerConfig>(
  env: NodeJS.ProcessEnv,
  keys: readonly K[],
): Pick<ServerConfig, K> {
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const key of keys) {
    const parsed = ServerConfig.shape[key].safeParse(env[ENV_NAMES[key]] || undefined);
    if (parsed.success) config[key] = parsed.data;
    else problems.push(...parsed.error.issues.map((issue) => `${ENV_NAMES[key]}: ${issue.message}`));
  }
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config as Pick<ServerConfig, K>;
}
