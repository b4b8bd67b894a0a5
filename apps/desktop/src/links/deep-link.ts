import { DeepLinkTarget, type ServerEntry } from '@confab/shared/desktop';

export const DEEP_LINK_SCHEME = 'confab';

/** `confab://<server>/<conversation>[/<message seq>]` */
export interface DeepLink {
  /** host[:port], lower case */
  host: string;
  target: DeepLinkTarget;
}

const MAX_LENGTH = 2_048;
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;
const SEQ = /^[1-9]\d{0,14}$/;

/** The link, or null for anything that isn't exactly that shape (no query, fragment or credentials). */
export function parseDeepLink(raw: string): DeepLink | null {
  if (raw.length > MAX_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  // Exactly scheme, host and path: no credentials, query, fragment or dot segments to normalise.
  if (raw.toLowerCase() !== `${DEEP_LINK_SCHEME}://${url.host}${url.pathname}`.toLowerCase()) return null;
  const host = url.host.toLowerCase();
  if (!HOST.test(host)) return null;
  const [empty, conversationId, seq, ...rest] = url.pathname.split('/');
  if (empty !== '' || rest.length > 0) return null;
  if (seq !== undefined && !SEQ.test(seq)) return null;
  const target = DeepLinkTarget.safeParse({
    conversationId,
    messageSeq: seq === undefined ? null : Number(seq),
  });
  return target.success ? { host, target: target.data } : null;
}

/** The web app's route for the target (`/c/<conversation>?m=<seq>`, as in its message links). */
export function conversationPath(target: DeepLinkTarget): string {
  const path = `/c/${target.conversationId}`;
  return target.messageSeq === null ? path : `${path}?m=${target.messageSeq}`;
}

export type DeepLinkRoute =
  | { kind: 'open'; server: ServerEntry; target: DeepLinkTarget }
  /** A link to a server the app doesn't know: offer to add it, never connect on the link's say-so. */
  | { kind: 'unknown-server'; origin: string };

export function routeDeepLink(
  link: DeepLink,
  servers: { findByHost(host: string): ServerEntry | undefined },
): DeepLinkRoute {
  const server = servers.findByHost(link.host);
  if (server !== undefined) return { kind: 'open', server, target: link.target };
  return { kind: 'unknown-server', origin: `https://${link.host}` };
}

/**
 * On Windows and Linux a link arrives as an argument of a second launch (or of the first one);
 * Chromium may put switches of its own around it.
 */
export function deepLinkFromArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`));
}
