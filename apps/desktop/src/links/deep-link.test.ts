import { describe, expect, it } from 'vitest';
import { conversationPath, deepLinkFromArgv, parseDeepLink, routeDeepLink } from './deep-link.js';

const CONVERSATION = '0190f0c2-1c2b-7aaa-8bbb-123456789abc';
const ACME = { id: '11111111-1111-4111-8111-111111111111', name: 'Acme', origin: 'https://chat.acme.test' };

describe('a confab:// link', () => {
  it('names a server, a conversation and a message', () => {
    expect(parseDeepLink(`confab://chat.acme.test/${CONVERSATION}/42`)).toEqual({
      host: 'chat.acme.test',
      target: { conversationId: CONVERSATION, messageSeq: 42 },
    });
  });

  it('may leave the message out', () => {
    expect(parseDeepLink(`confab://Chat.Acme.test:8443/${CONVERSATION}`)).toEqual({
      host: 'chat.acme.test:8443',
      target: { conversationId: CONVERSATION, messageSeq: null },
    });
  });

  it('may name a server by IP address and port', () => {
    expect(parseDeepLink(`confab://127.0.0.1:3000/${CONVERSATION}/1`)?.host).toBe('127.0.0.1:3000');
    expect(parseDeepLink(`confab://[::1]:3000/${CONVERSATION}/1`)?.host).toBe('[::1]:3000');
  });

  it('is refused in any other shape', () => {
    for (const link of [
      `https://chat.acme.test/${CONVERSATION}/42`,
      `confab:chat.acme.test/${CONVERSATION}/42`,
      `confab:///${CONVERSATION}/42`,
      `confab://chat.acme.test/`,
      `confab://chat.acme.test/${CONVERSATION}/`,
      `confab://chat.acme.test/general/42`,
      `confab://chat.acme.test/${CONVERSATION}/0`,
      `confab://chat.acme.test/${CONVERSATION}/-3`,
      `confab://chat.acme.test/${CONVERSATION}/4.5`,
      `confab://chat.acme.test/${CONVERSATION}/99999999999999999`,
      `confab://chat.acme.test/${CONVERSATION}/42/extra`,
      `confab://chat.acme.test/${CONVERSATION}/42?next=https://evil.test`,
      `confab://chat.acme.test/${CONVERSATION}/42#x`,
      `confab://bob:pw@chat.acme.test/${CONVERSATION}/42`,
      `confab://chat.acme.test/../../${CONVERSATION}`,
      `confab://chat.acme.test/%2e%2e/${CONVERSATION}`,
      `confab://evil_host!/${CONVERSATION}`,
      `confab://chat.acme.test/${CONVERSATION}/${'1'.repeat(3000)}`,
      'not a url',
      '',
    ]) {
      expect(parseDeepLink(link), link.slice(0, 80)).toBeNull();
    }
  });
});

describe('a deep link on its way to a window', () => {
  const servers = { findByHost: (host: string) => (host === 'chat.acme.test' ? ACME : undefined) };

  it('opens the conversation on the remembered server', () => {
    const link = parseDeepLink(`confab://chat.acme.test/${CONVERSATION}/7`)!;
    expect(routeDeepLink(link, servers)).toEqual({
      kind: 'open',
      server: ACME,
      target: { conversationId: CONVERSATION, messageSeq: 7 },
    });
  });

  it('only offers to add a server the app does not know', () => {
    const link = parseDeepLink(`confab://other.test/${CONVERSATION}`)!;
    expect(routeDeepLink(link, servers)).toEqual({ kind: 'unknown-server', origin: 'https://other.test' });
  });

  it('becomes the web app route of the conversation', () => {
    expect(conversationPath({ conversationId: CONVERSATION, messageSeq: null })).toBe(`/c/${CONVERSATION}`);
    expect(conversationPath({ conversationId: CONVERSATION, messageSeq: 7 })).toBe(`/c/${CONVERSATION}?m=7`);
  });
});

describe('a deep link in the arguments of a launch', () => {
  it('is found among Chromium switches', () => {
    const link = `confab://chat.acme.test/${CONVERSATION}`;
    expect(deepLinkFromArgv(['/opt/Confab/confab', '--allow-file-access-from-files', link])).toBe(link);
    expect(deepLinkFromArgv(['/opt/Confab/confab', '--hidden'])).toBeUndefined();
  });
});
