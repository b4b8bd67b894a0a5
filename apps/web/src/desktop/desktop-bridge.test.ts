import { DESKTOP_BRIDGE_METHODS } from '@confab/shared/desktop';
import { describe, expect, it } from 'vitest';
import { findDesktopBridge } from './desktop-bridge.js';

function stubBridge(overrides: Record<string, unknown> = {}) {
  const bridge: Record<string, unknown> = { version: 1 };
  for (const method of DESKTOP_BRIDGE_METHODS) bridge[method] = () => {};
  return { ...bridge, ...overrides };
}

describe('finding the desktop bridge', () => {
  it('finds it in the desktop app', () => {
    const confabDesktop = stubBridge();
    expect(findDesktopBridge({ confabDesktop })).toBe(confabDesktop);
  });

  it('finds nothing in a browser', () => {
    expect(findDesktopBridge({})).toBeNull();
    expect(findDesktopBridge(globalThis)).toBeNull();
  });

  it('ignores a bridge of another version or missing a method', () => {
    expect(findDesktopBridge({ confabDesktop: stubBridge({ version: 2 }) })).toBeNull();
    expect(findDesktopBridge({ confabDesktop: stubBridge({ showNotification: 'yes' }) })).toBeNull();
    expect(findDesktopBridge({ confabDesktop: 'bridge' })).toBeNull();
  });
});
