/** Refresh this long before the access token expires, so a connection never starts with a dying one. */
export const REFRESH_MARGIN_MS = 60_000;

export function needsRefresh(expiresAt: string, now: number): boolean {
  const expiry = Date.parse(expiresAt);
  return Number.isNaN(expiry) || expiry - now < REFRESH_MARGIN_MS;
}
