import {
  type ConfabDesktopBridge,
  DESKTOP_BRIDGE_GLOBAL,
  DESKTOP_BRIDGE_METHODS,
  DESKTOP_BRIDGE_VERSION,
} from '@confab/shared/desktop';

/**
 * The desktop app's bridge (`window.confabDesktop`), or null in a browser — and for a bridge
 * of another version or missing a method: the app then behaves as in a browser.
 */
export function findDesktopBridge(scope: object = globalThis): ConfabDesktopBridge | null {
  const candidate: unknown = (scope as Record<string, unknown>)[DESKTOP_BRIDGE_GLOBAL];
  if (typeof candidate !== 'object' || candidate === null) return null;
  const bridge = candidate as Record<string, unknown>;
  if (bridge.version !== DESKTOP_BRIDGE_VERSION) return null;
  if (!DESKTOP_BRIDGE_METHODS.every((method) => typeof bridge[method] === 'function')) return null;
  return candidate as ConfabDesktopBridge;
}

/** Inside the desktop app: native notifications replace Web Push. */
export function isDesktopShell(): boolean {
  return findDesktopBridge() !== null;
}
