import { describe, expect, it } from 'vitest';
import { resolveAppAsset, serversPageUrl } from './app-protocol.js';
import { isPermissionGranted } from './permissions.js';

describe('the app scheme', () => {
  it('serves the pages on its list', () => {
    expect(resolveAppAsset('confab-app://app/servers.html')).toEqual({
      file: 'static/servers.html',
      type: 'text/html; charset=utf-8',
    });
    expect(resolveAppAsset('confab-app://app/servers.html?add=https%3A%2F%2Fx.test')?.file).toBe(
      'static/servers.html',
    );
    expect(resolveAppAsset('confab-app://app/servers.js')?.type).toMatch(/javascript/);
  });

  it('serves nothing else, however the path is spelled', () => {
    for (const url of [
      'confab-app://app/',
      'confab-app://app/main.cjs',
      'confab-app://app/../package.json',
      'confab-app://app/%2e%2e/package.json',
      'confab-app://app/static/servers.html',
      'confab-app://app//etc/passwd',
      'confab-app://app/servers.html/..%2f..%2fpackage.json',
      'confab-app://other/servers.html',
      'file:///app/servers.html',
      'https://app/servers.html',
      'nonsense',
    ]) {
      expect(resolveAppAsset(url), url).toBeNull();
    }
  });

  it('links to the server list, with an address to pre-fill', () => {
    expect(serversPageUrl()).toBe('confab-app://app/servers.html');
    expect(serversPageUrl('https://chat.acme.test')).toBe(
      'confab-app://app/servers.html?add=https%3A%2F%2Fchat.acme.test',
    );
  });
});

describe('permissions', () => {
  const SERVER = 'https://chat.acme.test';

  it('grants the clipboard and full screen to the chosen server', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://chat.acme.test/c/1', SERVER)).toBe(true);
    expect(isPermissionGranted('fullscreen', 'https://chat.acme.test/', SERVER)).toBe(true);
  });

  it('refuses everything else, and everyone else', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'midi', 'hid']) {
      expect(isPermissionGranted(permission, 'https://chat.acme.test/', SERVER), permission).toBe(false);
    }
    expect(isPermissionGranted('fullscreen', 'https://evil.test/', SERVER)).toBe(false);
  });
});
