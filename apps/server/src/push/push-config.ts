import type { ServerConfig } from '../config.js';

/** The settings the push jobs read, in the server and in `npm run worker`. */
export const PUSH_CONFIG_KEYS = [
  'pushDelayMs',
  'pushRateLimitPerMinute',
  'pushRateWindowMs',
  'pushAttempts',
  'pushRetryBaseMs',
  'pushTimeoutMs',
  'pushCaFile',
  'pushEndpointHosts',
  'vapidPublicKey',
  'vapidPrivateKey',
  'vapidSubject',
] as const satisfies ReadonlyArray<keyof ServerConfig>;

export type PushConfig = Pick<ServerConfig, (typeof PUSH_CONFIG_KEYS)[number]>;
