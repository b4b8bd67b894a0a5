import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServerEntry } from '@confab/shared/desktop';
import { type Session, session as sessions } from 'electron';
import { isSameOrigin } from '../links/navigation.js';
import { APP_SCHEME, resolveAppAsset } from '../security/app-protocol.js';
import { APP_PAGE_CSP, serverPageCsp, withDefaultCsp } from '../security/csp.js';
import { isPermissionGranted } from '../security/permissions.js';
import { serverPartition } from '../servers/server-store.js';

/** In memory, and no server's: the app's own pages hold no cookies or storage of any server. */
const APP_PAGE_PARTITION = 'confab-app-pages';
const configured = new WeakSet<Session>();

/** The session of the app's own pages, which serves them over `confab-app://app/`. */
export function appPageSession(appRoot: string): Session {
  const session = sessions.fromPartition(APP_PAGE_PARTITION);
  if (configured.has(session)) return session;
  configured.add(session);
  session.protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(request.url);
    if (asset === null || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const body = await readFile(path.join(appRoot, asset.file));
    return new Response(body, {
      headers: {
        'content-type': asset.type,
        'content-security-policy': APP_PAGE_CSP,
        'x-content-type-options': 'nosniff',
      },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  return session;
}

/** One persistent session per server, granting only what `permissions.ts` allows its own pages. */
export function serverSession(server: ServerEntry): Session {
  const session = sessions.fromPartition(serverPartition(server.id));
  if (configured.has(session)) return session;
  configured.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl, server.origin)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, server.origin),
  );
  const policy = serverPageCsp(server.origin);
  session.webRequest.onHeadersReceived(
    { urls: ['<all_urls>'], types: ['mainFrame'] },
    (details, callback) => {
      if (!isSameOrigin(details.url, server.origin)) return callback({});
      callback({ responseHeaders: withDefaultCsp(details.responseHeaders, policy) });
    },
  );
  return session;
}

/** Forgetting a server erases what its pages stored. */
export async function eraseServerSession(serverId: string): Promise<void> {
  const session = sessions.fromPartition(serverPartition(serverId));
  await session.clearStorageData();
  await session.clearCache();
}
