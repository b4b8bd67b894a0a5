import type { SearchDocument } from './engine.js';

/**
 * The PostgreSQL engine's "tokens": an array column that one GIN index holds together with the
 * trigrams of the text, so every part of a query narrows the candidates in the same index scan:
 *
 * - `c…` the conversation (the permission scope), `s…` the sender, `m…` a mentioned user and
 *   `m:all` for @here/@all, `has:link` — ids shortened to their last 12 hex digits, so a token
 *   may stand for two ids; the query checks the id itself too;
 * - `t2025-01` the month it was sent (UTC): newest-first searches look at the latest months first;
 * - what trigrams can't find: CJK characters and pairs of them (CJK words have no spaces between
 *   them, and a word of one or two characters has no trigram), and `^` + the first two letters of
 *   every other word, for two-letter queries (`ok`, `qa`, `v2`).
 */

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]+/gu;

const shortId = (id: string) => id.replace(/-/g, '').slice(-12).toLowerCase();
export const conversationToken = (id: string) => `c${shortId(id)}`;
export const senderToken = (id: string) => `s${shortId(id)}`;
export const mentionToken = (id: string) => `m${shortId(id)}`;
export const MENTION_ALL = 'm:all';
export const HAS_LINK = 'has:link';
export const HAS_FILE = 'has:file';
export const monthToken = (time: Date) => `t${time.toISOString().slice(0, 7)}`;

function addCjkPairs(run: string, into: Set<string>): void {
  const chars = Array.from(run);
  if (chars.length === 1) into.add(run);
  for (let i = 0; i + 1 < chars.length; i++) into.add(chars[i]! + chars[i + 1]!);
}

/** The tokens of a text: CJK characters and pairs, two-letter word starts. */
export function textTokens(body: string): string[] {
  const text = body.toLowerCase();
  const tokens = new Set<string>();
  for (const [run] of text.matchAll(CJK_RUN)) {
    for (const char of run) tokens.add(char);
    addCjkPairs(run, tokens);
  }
  for (const [word] of text.matchAll(WORD)) {
    const chars = Array.from(word);
    if (chars.length >= 2 && !CJK_CHAR.test(chars[0]!)) tokens.add(`^${chars[0]}${chars[1]}`);
  }
  return [...tokens];
}

export function documentTokens(doc: SearchDocument): string[] {
  return [
    conversationToken(doc.conversationId),
    senderToken(doc.senderId),
    ...doc.mentionedUserIds.map(mentionToken),
    ...(doc.mentionsAll ? [MENTION_ALL] : []),
    ...(doc.hasLink ? [HAS_LINK] : []),
    ...(doc.hasFile ? [HAS_FILE] : []),
    monthToken(doc.createdAt),
    ...textTokens(doc.body),
  ];
}

export const hasCjk = (text: string) => CJK_CHAR.test(text);

/** Tokens every text containing `text` has: those of its CJK runs (the character, or each pair). */
export function cjkTokensOf(text: string): string[] {
  const tokens = new Set<string>();
  for (const [run] of text.toLowerCase().matchAll(CJK_RUN)) addCjkPairs(run, tokens);
  return [...tokens];
}

/** One or two letters or digits (no CJK): such a word matches where a word starts. */
export const isShortWord = (text: string) => !hasCjk(text) && /^[\p{L}\p{N}]{1,2}$/u.test(text);

/** A word of exactly two letters or digits (no CJK): it matches where a word starts, by its token. */
export function twoLetterWord(text: string): string | null {
  return !hasCjk(text) && /^[\p{L}\p{N}]{2}$/u.test(text) ? `^${text.toLowerCase()}` : null;
}

/**
 * Whether pg_trgm can take trigrams from this text (a run of three ASCII letters or digits): if
 * not, the text condition must stay out of the index scan, which would otherwise read the whole
 * trigram index.
 */
export const hasTrigram = (text: string) => /[A-Za-z0-9]{3}/.test(text);
