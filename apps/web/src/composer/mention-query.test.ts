import { describe, expect, it } from 'vitest';
import { applyMention, matchCandidates, mentionQueryAt } from './mention-query';

describe('mentions in the composer', () => {
  it('finds the @word being typed before the caret', () => {
    expect(mentionQueryAt('hi @an', 6)).toEqual({ start: 3, end: 6, query: 'an' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, end: 1, query: '' });
  });

  it('ignores e-mail addresses and finished words', () => {
    expect(mentionQueryAt('mail ana@example', 16)).toBeNull();
    expect(mentionQueryAt('hi @ana and', 11)).toBeNull();
  });

  it('puts prefix matches first', () => {
    const people = [
      { username: 'dana', label: 'Dana Scully' },
      { username: 'ana', label: 'Ana Lima' },
      { username: 'ben', label: 'Ben Okafor' },
    ];
    expect(matchCandidates(people, 'an').map((c) => c.username)).toEqual(['ana', 'dana']);
  });

  it('completes the query with the username and a space', () => {
    const query = { start: 3, end: 6, query: 'an' };
    expect(applyMention('hi @an!', query, 'ana')).toEqual({ text: 'hi @ana !', caret: 8 });
  });
});
