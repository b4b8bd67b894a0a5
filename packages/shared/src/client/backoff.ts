export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** A number in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;

/**
 * Exponential backoff with full jitter: anywhere between zero and min(cap, base · 2^attempt).
 * Spreading retries over the whole window keeps a restarted server from being hit by every
 * client at the same instant.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS, random = Math.random } = options;
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
