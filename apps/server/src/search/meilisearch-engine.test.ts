import { describe, expect, it } from 'vitest';
import { engineQuery } from '../test-support/search.js';
import type { EngineQuery } from './engine.js';
import {
  meiliFilter,
  meiliQueryString,
  snippetFromFormatted,
  toMeiliDocument,
} from './meilisearch-engine.js';

/** The translation to Meilisearch, without a server (the contract tests run against a real one). */

const base: EngineQuery = engineQuery({
  conversationIds: ['0193a000-0000-7000-8000-000000000001', '0193a000-0000-7000-8000-000000000002'],
});

describe('the Meilisearch engine', () => {
  it('scopes every search to the searcher’s conversations, then applies each filter', () => {
    expect(meiliFilter(base)).toEqual([
      'conversationId IN ["0193a000-0000-7000-8000-000000000001", "0193a000-0000-7000-8000-000000000002"]',
    ]);
    expect(
      meiliFilter({
        ...base,
        senderIds: ['0193a000-0000-7000-8000-00000000000a'],
        since: new Date('2025-01-01T00:00:00Z'),
        until: new Date('2025-02-01T00:00:00Z'),
        hasLink: true,
        hasFile: true,
        mentioning: '0193a000-0000-7000-8000-00000000000b',
      }).slice(1),
    ).toEqual([
      'senderId IN ["0193a000-0000-7000-8000-00000000000a"]',
      'createdAt >= 1735689600000',
      'createdAt < 1738368000000',
      'hasLink = true',
      'hasFile = true',
      'mentions IN ["0193a000-0000-7000-8000-00000000000b", "all"]',
    ]);
  });

  it('writes phrases in quotes and exclusions with -, and puts a prefix last', () => {
    expect(
      meiliQueryString(
        [
          { kind: 'prefix', text: 'depl' },
          { kind: 'word', text: 'PLT-3699' },
          { kind: 'phrase', text: 'release notes' },
        ],
        [
          { kind: 'word', text: 'draft' },
          { kind: 'phrase', text: 'do not merge' },
        ],
      ),
    ).toBe('PLT-3699 "release notes" -draft -"do not merge" depl');
  });

  it('stores times as milliseconds, mentions of everyone as "all", and no highlight marks', () => {
    const doc = toMeiliDocument(
      {
        id: 'm',
        conversationId: 'c',
        senderId: 's',
        createdAt: new Date('2025-01-01T00:00:00Z'),
        body: 'hi \uE000there\uE001',
        hasLink: false,
        hasFile: false,
        mentionedUserIds: ['u'],
        mentionsAll: true,
        changeSeq: 3,
      },
      new Date('2025-01-02T00:00:00Z'),
    );
    expect(doc).toMatchObject({ createdAt: 1735689600000, mentions: ['u', 'all'], body: 'hi there' });
  });

  it('turns highlight marks into snippet parts', () => {
    expect(snippetFromFormatted('…the \uE000release\uE001 notes')).toEqual([
      { text: '…the ', highlight: false },
      { text: 'release', highlight: true },
      { text: ' notes', highlight: false },
    ]);
  });
});
