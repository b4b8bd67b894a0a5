import { describe, expect, it } from 'vitest';
import { APP_PAGE_CSP, serverPageCsp, withDefaultCsp } from './csp.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('the policy of the app’s own pages', () => {
  it('allows their own script and style and nothing else', () => {
    const policy = directives(APP_PAGE_CSP);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(APP_PAGE_CSP).not.toContain('unsafe');
  });
});

describe('the default policy of a server’s pages', () => {
  it('allows the server and its socket only, and no inline or evaluated script', () => {
    const policy = directives(serverPageCsp('https://chat.acme.test'));
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'wss://chat.acme.test']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('uses ws: for a plain-http server', () => {
    expect(directives(serverPageCsp('http://127.0.0.1:3000')).get('connect-src')).toEqual([
      "'self'",
      'ws://127.0.0.1:3000',
    ]);
  });
});

describe('adding the policy to a response', () => {
  it('adds it when the server sent none', () => {
    expect(withDefaultCsp({ 'content-type': ['text/html'] }, "default-src 'self'")).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': ["default-src 'self'"],
    });
    expect(withDefaultCsp(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });

  it('keeps the server’s own policy', () => {
    const headers = { 'content-security-policy': ["default-src 'self' https://files.acme.test"] };
    expect(withDefaultCsp(headers, "default-src 'none'")).toEqual(headers);
  });
});
