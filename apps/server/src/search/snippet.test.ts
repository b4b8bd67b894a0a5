import { describe, expect, it } from 'vitest';
import { makeSnippet } from './snippet.js';

const text = (parts: { text: string }[]) => parts.map((part) => part.text).join('');
const marked = (parts: { text: string; highlight: boolean }[]) =>
  parts.filter((part) => part.highlight).map((part) => part.text);

describe('makeSnippet', () => {
  it('marks every match of every term, case-insensitively', () => {
    const parts = makeSnippet('Deploy the release; deployment of the RELEASE went fine', [
      { kind: 'word', text: 'deploy' },
      { kind: 'word', text: 'release' },
    ]);
    expect(text(parts)).toBe('Deploy the release; deployment of the RELEASE went fine');
    expect(marked(parts)).toEqual(['Deploy', 'release', 'deploy', 'RELEASE']);
  });

  it('marks prefixes at the start of words only, and phrases across any whitespace', () => {
    expect(marked(makeSnippet('redeploy and deployed', [{ kind: 'prefix', text: 'deploy' }]))).toEqual([
      'deploy',
    ]);
    expect(marked(makeSnippet('release\n  notes', [{ kind: 'phrase', text: 'release notes' }]))).toEqual([
      'release notes',
    ]);
  });

  it('marks one- or two-letter words only where a word starts', () => {
    expect(marked(makeSnippet('ok, token okay', [{ kind: 'word', text: 'ok' }]))).toEqual(['ok', 'ok']);
  });

  it('marks identifiers, URLs and CJK text', () => {
    expect(
      marked(makeSnippet('see PLT-3699 at api.example.com/v2', [{ kind: 'word', text: 'plt-3699' }])),
    ).toEqual(['PLT-3699']);
    expect(marked(makeSnippet('来週は東京タワーに行きます', [{ kind: 'word', text: '東京' }]))).toEqual([
      '東京',
    ]);
  });

  it('cuts a long text around the first match, with … where it was cut', () => {
    const body = `${'lorem ipsum '.repeat(40)}the needle is here ${'dolor sit '.repeat(40)}`;
    const parts = makeSnippet(body, [{ kind: 'word', text: 'needle' }], 100);
    const snippet = text(parts);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(102);
    expect(marked(parts)).toEqual(['needle']);
  });

  it('starts at the beginning when nothing matches (filters only)', () => {
    const parts = makeSnippet('just a message', []);
    expect(parts).toEqual([{ text: 'just a message', highlight: false }]);
  });

  it('never cuts an emoji in two', () => {
    const body = `${'🙂'.repeat(150)} needle`;
    const snippet = text(makeSnippet(body, [{ kind: 'word', text: 'needle' }], 50));
    expect(snippet).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
