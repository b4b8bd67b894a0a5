import { describe, expect, it } from 'vitest';
import { cjkTokensOf, documentTokens, hasTrigram, textTokens, twoLetterWord } from './tokens.js';

describe('search tokens', () => {
  it('hold CJK characters and pairs, and the first two letters of other words', () => {
    expect(new Set(textTokens('会议记录 OK v2 a'))).toEqual(
      new Set(['会', '议', '记', '录', '会议', '议记', '记录', '^ok', '^v2']),
    );
  });

  it('find a CJK word inside a sentence by its pairs', () => {
    const stored = new Set(textTokens('来週は東京タワーに行きます'));
    for (const token of cjkTokensOf('東京タワー')) expect(stored.has(token)).toBe(true);
    expect(cjkTokensOf('東')).toEqual(['東']);
    expect(cjkTokensOf('abc')).toEqual([]);
  });

  it('hold the conversation, sender, mentions and links', () => {
    const tokens = documentTokens({
      id: '0193a000-0000-7000-8000-000000000001',
      conversationId: '0193a000-0000-7000-8000-0000000000c1',
      senderId: '0193a000-0000-7000-8000-0000000000a1',
      createdAt: new Date(),
      body: 'see https://example.com',
      hasLink: true,
      hasFile: false,
      mentionedUserIds: ['0193a000-0000-7000-8000-0000000000b1'],
      mentionsAll: true,
      changeSeq: 1,
    });
    expect(tokens.slice(0, 5)).toEqual([
      'c0000000000c1',
      's0000000000a1',
      'm0000000000b1',
      'm:all',
      'has:link',
    ]);
  });

  it('know which words need tokens rather than trigrams', () => {
    expect(twoLetterWord('OK')).toBe('^ok');
    expect(twoLetterWord('a')).toBeNull();
    expect(twoLetterWord('abc')).toBeNull();
    expect(twoLetterWord('東京')).toBeNull();
    expect(hasTrigram('PLT-3699')).toBe(true);
    expect(hasTrigram('会议记录')).toBe(false);
    expect(hasTrigram('a.b')).toBe(false);
  });
});
