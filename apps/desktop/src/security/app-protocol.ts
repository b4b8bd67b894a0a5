/**
 * The app's own pages are served over a privileged scheme rather than file://, from a fixed
 * list: a request for anything else (another path, `..`, an encoded dot) finds nothing.
 */
export const APP_SCHEME = 'confab-app';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export interface AppAsset {
  /** relative to the app's root folder */
  file: string;
  type: string;
}

const ASSETS: ReadonlyMap<string, AppAsset> = new Map([
  ['/servers.html', { file: 'static/servers.html', type: 'text/html; charset=utf-8' }],
  ['/servers.css', { file: 'static/servers.css', type: 'text/css; charset=utf-8' }],
  ['/servers.js', { file: 'dist/app/servers-page.js', type: 'text/javascript; charset=utf-8' }],
  ['/icon.png', { file: 'static/icons/icon.png', type: 'image/png' }],
]);

export function resolveAppAsset(requestUrl: string): AppAsset | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'app') return null;
  return ASSETS.get(url.pathname) ?? null;
}

/** The server list; `add` pre-fills the address (a deep link to a server the app doesn't know). */
export function serversPageUrl(add?: string): string {
  const page = `${APP_ORIGIN}/servers.html`;
  return add === undefined ? page : `${page}?add=${encodeURIComponent(add)}`;
}
