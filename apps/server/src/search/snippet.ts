import type { SearchTerm, SnippetPart } from '@confab/shared';
import { isShortWord } from './tokens.js';

/** Escapes the syntax characters (the only ones a `u` regular expression may escape). */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function termPattern(term: SearchTerm): string {
  switch (term.kind) {
    case 'word':
      // One or two letters match at the start of a word only (see postgres-sql.ts).
      return isShortWord(term.text)
        ? termPattern({ kind: 'prefix', text: term.text })
        : escapeRegExp(term.text);
    case 'prefix':
      return `(?<![\\p{L}\\p{N}_])${escapeRegExp(term.text)}`;
    case 'phrase':
      return term.text.split(' ').map(escapeRegExp).join('\\s+');
  }
}

/** Match ranges of the terms in `text`, sorted and merged. */
export function matchRanges(text: string, terms: SearchTerm[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const term of terms) {
    for (const match of text.matchAll(new RegExp(termPattern(term), 'giu'))) {
      if (match[0].length > 0) ranges.push([match.index, match.index + match[0].length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** Moves an offset off the second half of a surrogate pair, so no emoji is cut in two. */
function safe(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * An excerpt of about `maxChars` characters around the first match, with every match in it
 * highlighted and `…` where the text was cut. Whitespace runs become one space.
 */
export function makeSnippet(body: string, terms: SearchTerm[], maxChars = 200): SnippetPart[] {
  const text = body.replace(/\s+/gu, ' ').trim();
  const ranges = matchRanges(text, terms);
  const first = ranges[0];
  let start = 0;
  if (first && text.length > maxChars) {
    start = Math.max(0, Math.min(first[0] - Math.floor(maxChars / 4), text.length - maxChars));
    // Start at a word when there is one nearby.
    const space = text.lastIndexOf(' ', start);
    if (space >= 0 && start - space < 20) start = space + 1;
    start = safe(text, start);
  }
  let end = Math.min(text.length, start + maxChars);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start && end - space < 20) end = space;
    end = safe(text, end);
  }

  const parts: SnippetPart[] = [];
  const push = (from: number, to: number, highlight: boolean) => {
    if (to > from) parts.push({ text: text.slice(from, to), highlight });
  };
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    push(at, Math.max(from, start), false);
    push(Math.max(from, start), Math.min(to, end), true);
    at = Math.min(to, end);
  }
  push(at, end, false);
  if (start > 0) parts.unshift({ text: '…', highlight: false });
  if (end < text.length) parts.push({ text: '…', highlight: false });
  return parts;
}
