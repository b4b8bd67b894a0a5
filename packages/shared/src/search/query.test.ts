import { describe, expect, it } from 'vitest';
import { hasLink } from './links.js';
import {
  emptySearchQuery,
  formatSearchQuery,
  isCalendarDay,
  parseSearchQuery,
  SEARCH_TERMS_MAX,
  type SearchQuery,
} from './query.js';

function parse(text: string): SearchQuery {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok) throw new Error(`"${text}" did not parse: ${parsed.error.message}`);
  return parsed.query;
}

function problem(text: string) {
  const parsed = parseSearchQuery(text);
  if (parsed.ok) throw new Error(`"${text}" parsed, but should not have`);
  return parsed.error;
}

describe('parseSearchQuery', () => {
  it('reads words, phrases, prefixes and exclusions', () => {
    expect(parse('deploy "release notes" front* -draft -"do not merge"')).toEqual({
      ...emptySearchQuery(),
      include: [
        { kind: 'word', text: 'deploy' },
        { kind: 'phrase', text: 'release notes' },
        { kind: 'prefix', text: 'front' },
      ],
      exclude: [
        { kind: 'word', text: 'draft' },
        { kind: 'phrase', text: 'do not merge' },
      ],
    });
  });

  it('keeps identifiers, URLs and CJK text as single words', () => {
    expect(parse('PLT-3699 https://api.example.com/v2?x=1 東京タワー').include).toEqual([
      { kind: 'word', text: 'PLT-3699' },
      { kind: 'word', text: 'https://api.example.com/v2?x=1' },
      { kind: 'word', text: '東京タワー' },
    ]);
  });

  it('reads every filter', () => {
    expect(
      parse(
        'from:@Alice from:bob in:#general in:"#team alpha" in:@carol before:2025-02-01 after:2024-12-31 on:2025-01-15 has:link has:file is:mention',
      ),
    ).toEqual({
      ...emptySearchQuery(),
      from: ['alice', 'bob'],
      in: [
        { kind: 'named', name: 'general' },
        { kind: 'named', name: 'team alpha' },
        { kind: 'direct', username: 'carol' },
      ],
      before: '2025-02-01',
      after: '2024-12-31',
      on: '2025-01-15',
      hasLink: true,
      hasFile: true,
      isMention: true,
    });
  });

  it('treats an unknown name before a colon as an ordinary word', () => {
    expect(parse('PLT:3699 mailto:a@example.com').include.map((t) => t.text)).toEqual([
      'PLT:3699',
      'mailto:a@example.com',
    ]);
  });

  it('collapses whitespace inside a phrase and drops repeated terms', () => {
    expect(parse('"release   notes" "Release notes" deploy DEPLOY').include).toEqual([
      { kind: 'phrase', text: 'release   notes'.replace(/\s+/g, ' ') },
      { kind: 'word', text: 'deploy' },
    ]);
  });

  it('allows a query of filters only, or of exclusions only', () => {
    expect(parse('from:@alice').from).toEqual(['alice']);
    expect(parse('-draft').exclude).toEqual([{ kind: 'word', text: 'draft' }]);
  });

  it('ignores words with nothing searchable in them', () => {
    expect(parse('deploy -- …').include).toEqual([{ kind: 'word', text: 'deploy' }]);
  });

  it.each([
    ['"release notes', 'a quote is not closed'],
    ['deploy ""', 'the quotes are empty'],
    ['deploy -', 'nothing to exclude after -'],
    ['- deploy', 'nothing to exclude after -'],
    ['*', 'a * needs a word before it'],
    ['from:', 'from: needs a value'],
    ['from:@', 'from: needs a username'],
    ['from:@al ice', ''],
    ['in:#', 'in: needs a conversation'],
    ['before:2025-13-01', 'before: needs a date like before:2025-01-31'],
    ['on:2025-02-30', 'on: needs a date'],
    ['after:yesterday', 'after: needs a date'],
    ['before:2025-01-01 before:2025-02-01', 'before: is given twice'],
    ['has:video', 'has: takes link or file'],
    ['is:unread', 'is: takes mention'],
    ['-from:@alice', '-from: is not supported'],
    ['', 'type something to search for'],
    ['   ', 'type something to search for'],
    ['… --', 'nothing to search for'],
  ])('refuses %j', (text, message) => {
    if (text === 'from:@al ice') {
      // "from:@al" is fine and "ice" is a word: not every oddity is an error.
      expect(parse(text)).toMatchObject({ from: ['al'], include: [{ text: 'ice' }] });
      return;
    }
    expect(problem(text).message).toContain(message);
  });

  it('says where the problem is', () => {
    expect(problem('deploy "release notes').position).toBe(7);
    expect(problem('deploy has:video').position).toBe(7);
  });

  it('limits the number of terms and the length', () => {
    const many = Array.from({ length: SEARCH_TERMS_MAX + 1 }, (_, i) => `word${i}`).join(' ');
    expect(problem(many).message).toContain('too many words');
    expect(problem('a'.repeat(501)).message).toContain('too long');
  });
});

describe('formatSearchQuery', () => {
  it('gives back text that parses to the same structure', () => {
    const text =
      'deploy "release notes" front* -draft -"do not merge" from:@alice in:"#team alpha" in:@bob before:2025-02-01 after:2024-12-31 on:2025-01-15 has:link has:file is:mention';
    const query = parse(text);
    expect(formatSearchQuery(query)).toBe(text);
    expect(parse(formatSearchQuery(query))).toEqual(query);
  });

  it('removes a chip by formatting the structure without it', () => {
    const query = parse('deploy from:@alice has:link');
    expect(formatSearchQuery({ ...query, hasLink: false })).toBe('deploy from:@alice');
  });
});

describe('isCalendarDay', () => {
  it('knows real days', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('2025-1-01')).toBe(false);
  });
});

describe('hasLink', () => {
  it.each([
    ['see https://example.com', true],
    ['http://localhost:3000/x', true],
    ['www.example.com', true],
    ['api.example.com/v2 is up', true],
    ['write to mailto:ops@example.com', true],
    ['ftp://files.example.com', true],
    ['see example.com', false],
    ['report.pdf is attached', false],
    ['e.g. this', false],
    ['no links here', false],
  ])('%j → %s', (text, expected) => {
    expect(hasLink(text)).toBe(expected);
  });
});
