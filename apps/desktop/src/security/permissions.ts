import { isSameOrigin } from '../links/navigation.js';

/**
 * What a page may be granted: writing to the clipboard and going full screen, for the chosen
 * server's own pages. Everything else (camera, location, web notifications — the app shows
 * notifications through the bridge) is refused.
 */
const GRANTED = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function isPermissionGranted(
  permission: string,
  requestingUrl: string,
  allowedOrigin: string,
): boolean {
  return GRANTED.has(permission) && isSameOrigin(requestingUrl, allowedOrigin);
}
