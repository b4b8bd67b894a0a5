import { describe, expect, it } from 'vitest';
import { parseServerUrl } from './server-url.js';

describe('a server address the user typed', () => {
  it('becomes the origin of the server', () => {
    expect(parseServerUrl('https://chat.acme.test')).toEqual({
      ok: true,
      origin: 'https://chat.acme.test',
      name: 'chat.acme.test',
    });
    expect(parseServerUrl('  https://Chat.Acme.test:8443/c/123?m=4#x ')).toMatchObject({
      ok: true,
      origin: 'https://chat.acme.test:8443',
    });
    expect(parseServerUrl('http://127.0.0.1:3000/')).toMatchObject({
      ok: true,
      origin: 'http://127.0.0.1:3000',
    });
  });

  it('means https when it has no scheme', () => {
    expect(parseServerUrl('chat.acme.test')).toMatchObject({ ok: true, origin: 'https://chat.acme.test' });
  });

  it('is refused when empty, not http(s), or carrying credentials', () => {
    for (const input of [
      '',
      '   ',
      'file:///etc/passwd',
      'javascript://alert(1)',
      'ftp://files.acme.test',
      'confab://chat.acme.test',
      'https://bob:secret@chat.acme.test',
      'https://',
      'x'.repeat(3000),
    ]) {
      expect(parseServerUrl(input).ok, input.slice(0, 40)).toBe(false);
    }
  });
});
