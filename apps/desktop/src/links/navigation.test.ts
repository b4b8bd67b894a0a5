import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen, isSafeExternalUrl, isSameOrigin } from './navigation.js';

const SERVER = 'https://chat.acme.test';

describe('navigation in a server window', () => {
  it('is allowed within the chosen server', () => {
    expect(decideNavigation('https://chat.acme.test/c/123?m=4', SERVER)).toBe('allow');
    expect(decideNavigation('https://chat.acme.test:443/', SERVER)).toBe('allow');
  });

  it('sends web and mail links to the system instead', () => {
    expect(decideNavigation('https://example.org/page', SERVER)).toBe('open-external');
    expect(decideNavigation('http://chat.acme.test/', SERVER)).toBe('open-external');
    expect(decideNavigation('https://chat.acme.test:8443/', SERVER)).toBe('open-external');
    expect(decideNavigation('https://evil.chat.acme.test/', SERVER)).toBe('open-external');
    expect(decideNavigation('mailto:bob@acme.test', SERVER)).toBe('open-external');
  });

  it('goes nowhere for any other scheme', () => {
    for (const target of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'smb://share/x',
      'ms-msdt:/id PCWDiagnostic',
      'confab-app://app/servers.html',
      'chrome://settings',
      'not a url',
    ]) {
      expect(decideNavigation(target, SERVER), target).toBe('deny');
    }
  });

  it('never allows a URL with credentials out', () => {
    expect(isSafeExternalUrl('https://user:pw@example.org/')).toBe(false);
  });
});

describe('window.open', () => {
  it('never opens a window, only safe links in the system browser', () => {
    expect(decideWindowOpen('https://example.org/')).toBe('open-external');
    expect(decideWindowOpen('https://chat.acme.test/c/1')).toBe('open-external');
    expect(decideWindowOpen('mailto:bob@acme.test')).toBe('open-external');
    expect(decideWindowOpen('file:///etc/passwd')).toBe('deny');
    expect(decideWindowOpen('about:blank')).toBe('deny');
  });
});

describe('the app page origin', () => {
  it('is compared by scheme and host', () => {
    expect(isSameOrigin('confab-app://app/servers.html', 'confab-app://app')).toBe(true);
    expect(isSameOrigin('confab-app://other/servers.html', 'confab-app://app')).toBe(false);
    expect(decideNavigation('confab-app://app/servers.html?add=x', 'confab-app://app')).toBe('allow');
  });
});
