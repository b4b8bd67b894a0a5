type Directives = Record<string, readonly string[]>;

function serialise(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** The app's own pages (the server list): their own script and style, nothing else at all. */
export const APP_PAGE_CSP = serialise({
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
});

/**
 * For a server whose pages carry no policy of their own: scripts, frames and plugins only from
 * the server, and its socket. A server that sends its own policy (it knows its attachment
 * storage, for one) keeps it.
 */
export function serverPageCsp(origin: string): string {
  const { protocol, host } = new URL(origin);
  const socket = `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}`;
  return serialise({
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", socket],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  });
}

export type ResponseHeaders = Record<string, string[] | string>;

/** The response's headers with the policy added, unless it already has one. */
export function withDefaultCsp(headers: ResponseHeaders | undefined, policy: string): ResponseHeaders {
  const all = { ...(headers ?? {}) };
  if (Object.keys(all).some((name) => name.toLowerCase() === 'content-security-policy')) return all;
  all['Content-Security-Policy'] = [policy];
  return all;
}
