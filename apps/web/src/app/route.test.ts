import { describe, expect, it } from 'vitest';
import { messageLink, parseRoute, routePath } from './route';

const ID = '0190f0c2-1c2b-7aaa-8bbb-123456789abc';

describe('routes', () => {
  it('reads a conversation and a linked message from the address', () => {
    expect(parseRoute(`/c/${ID}`, '')).toEqual({ conversationId: ID, messageSeq: null });
    expect(parseRoute(`/c/${ID}`, '?m=42')).toEqual({ conversationId: ID, messageSeq: 42 });
  });

  it('ignores anything else', () => {
    expect(parseRoute('/', '?m=4')).toEqual({ conversationId: null, messageSeq: null });
    expect(parseRoute('/c/nope', '')).toEqual({ conversationId: null, messageSeq: null });
    expect(parseRoute(`/c/${ID}`, '?m=-1')).toEqual({ conversationId: ID, messageSeq: null });
  });

  it('writes what it reads', () => {
    const route = { conversationId: ID, messageSeq: 7 };
    const link = messageLink('https://chat.example', ID, 7);
    expect(link).toBe(`https://chat.example/c/${ID}?m=7`);
    const url = new URL(link);
    expect(parseRoute(url.pathname, url.search)).toEqual(route);
    expect(routePath({ conversationId: null, messageSeq: null })).toBe('/');
  });
});
