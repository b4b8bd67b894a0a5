export type NavigationDecision = 'allow' | 'open-external' | 'deny';

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

function parse(target: string): URL | null {
  try {
    return new URL(target);
  } catch {
    return null;
  }
}

/** Scheme, host and port alike (custom schemes have no `origin` in Node's URL, so compare parts). */
export function isSameOrigin(target: string | URL, origin: string): boolean {
  const url = typeof target === 'string' ? parse(target) : target;
  const allowed = parse(origin);
  if (url === null || allowed === null) return false;
  return url.protocol === allowed.protocol && url.host === allowed.host && url.host !== '';
}

/** What the system browser or mail program may be asked to open: http, https and mailto only. */
export function isSafeExternalUrl(target: string | URL): boolean {
  const url = typeof target === 'string' ? parse(target) : target;
  if (url === null || !EXTERNAL_PROTOCOLS.has(url.protocol)) return false;
  if (url.protocol === 'mailto:') return true;
  return url.hostname !== '' && url.username === '' && url.password === '';
}

/**
 * `will-navigate` and `will-redirect`: the window shows its own server's pages only. A link to
 * anywhere else opens in the system browser when that is safe, and nowhere otherwise.
 */
export function decideNavigation(target: string, allowedOrigin: string): NavigationDecision {
  const url = parse(target);
  if (url === null) return 'deny';
  if (isSameOrigin(url, allowedOrigin)) return 'allow';
  return isSafeExternalUrl(url) ? 'open-external' : 'deny';
}

/** `window.open` never makes a window: a safe link opens in the system browser instead. */
export function decideWindowOpen(target: string): Exclude<NavigationDecision, 'allow'> {
  return isSafeExternalUrl(target) ? 'open-external' : 'deny';
}
