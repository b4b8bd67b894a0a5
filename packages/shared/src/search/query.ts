/**
 * Confab's search query language, parsed into one structure that every search engine translates
 * (and that the UI uses for its filter chips):
 *
 *   words             each must occur (case-insensitive; partial words match too)
 *   "exact phrase"    the words in this order
 *   -word -"phrase"   must not occur
 *   prefix*           a word starting with "prefix"
 *   from:@user        sent by that user (repeat for any of several)
 *   in:#conversation  in a group or channel of that name; in:@user for the direct conversation
 *   before:/after:/on:YYYY-MM-DD   before that day, after it, on it
 *   has:link has:file is:mention
 *
 * Anything else with a colon (`https://…`, `PLT:3699`) is an ordinary word.
 */

export const SEARCH_QUERY_MAX_CHARS = 500;
export const SEARCH_TERMS_MAX = 20;

export type SearchTermKind = 'word' | 'prefix' | 'phrase';

export interface SearchTerm {
  kind: SearchTermKind;
  /** As typed, without quotes or the trailing `*`; inner whitespace of a phrase collapsed to one space. */
  text: string;
}

/** `in:` names a group or channel, or (`in:@user`) the direct conversation with someone. */
export type ConversationRef = { kind: 'named'; name: string } | { kind: 'direct'; username: string };

export interface SearchQuery {
  include: SearchTerm[];
  exclude: SearchTerm[];
  /** Usernames, lowercase, without `@`. Any of them. */
  from: string[];
  /** Any of these conversations. */
  in: ConversationRef[];
  /** Days as `YYYY-MM-DD`; which time zone they are in is the searcher's (see the request). */
  before: string | null;
  after: string | null;
  on: string | null;
  hasLink: boolean;
  hasFile: boolean;
  isMention: boolean;
}

export interface SearchSyntaxError {
  message: string;
  /** Offset in the query where the problem is. */
  position: number;
}

export type ParsedSearchQuery = { ok: true; query: SearchQuery } | { ok: false; error: SearchSyntaxError };

export const SEARCH_OPERATORS = ['from', 'in', 'before', 'after', 'on', 'has', 'is'] as const;
export type SearchOperator = (typeof SEARCH_OPERATORS)[number];

const USERNAME = /^[a-z0-9][a-z0-9._-]*$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A term has to have something searchable in it; `--` or `…` alone would match everything. */
const SEARCHABLE = /[\p{L}\p{N}]/u;

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export function emptySearchQuery(): SearchQuery {
  return {
    include: [],
    exclude: [],
    from: [],
    in: [],
    before: null,
    after: null,
    on: null,
    hasLink: false,
    hasFile: false,
    isMention: false,
  };
}

/** Whether `YYYY-MM-DD` is a real calendar day. */
export function isCalendarDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isOperator(name: string): name is SearchOperator {
  return (SEARCH_OPERATORS as readonly string[]).includes(name);
}

interface Scanner {
  text: string;
  at: number;
}

const isSpace = (char: string | undefined) => char !== undefined && /\s/u.test(char);

/** Reads `"…"` starting at the quote; returns the inside. */
function readQuoted(scanner: Scanner): string {
  const start = scanner.at;
  const end = scanner.text.indexOf('"', start + 1);
  if (end < 0) throw new SyntaxProblem('a quote is not closed: add the closing "', start);
  scanner.at = end + 1;
  return scanner.text.slice(start + 1, end);
}

/** Reads up to whitespace or a quote. */
function readBare(scanner: Scanner): string {
  const start = scanner.at;
  while (scanner.at < scanner.text.length) {
    const char = scanner.text[scanner.at];
    if (isSpace(char) || char === '"') break;
    scanner.at += 1;
  }
  return scanner.text.slice(start, scanner.at);
}

function applyOperator(query: SearchQuery, name: SearchOperator, raw: string, position: number): void {
  const value = raw.trim();
  switch (name) {
    case 'from': {
      const username = value.replace(/^@/, '').toLowerCase();
      if (!USERNAME.test(username)) {
        throw new SyntaxProblem('from: needs a username, like from:@alice', position);
      }
      if (!query.from.includes(username)) query.from.push(username);
      return;
    }
    case 'in': {
      if (value.startsWith('@')) {
        const username = value.slice(1).toLowerCase();
        if (!USERNAME.test(username))
          throw new SyntaxProblem('in:@ needs a username, like in:@alice', position);
        if (!query.in.some((ref) => ref.kind === 'direct' && ref.username === username)) {
          query.in.push({ kind: 'direct', username });
        }
        return;
      }
      const name = value.replace(/^#/, '').trim();
      if (!name) throw new SyntaxProblem('in: needs a conversation, like in:#general', position);
      if (!query.in.some((ref) => ref.kind === 'named' && ref.name.toLowerCase() === name.toLowerCase())) {
        query.in.push({ kind: 'named', name });
      }
      return;
    }
    case 'before':
    case 'after':
    case 'on': {
      if (!isCalendarDay(value)) {
        throw new SyntaxProblem(`${name}: needs a date like ${name}:2025-01-31`, position);
      }
      if (query[name] !== null && query[name] !== value) {
        throw new SyntaxProblem(`${name}: is given twice`, position);
      }
      query[name] = value;
      return;
    }
    case 'has': {
      if (value === 'link') query.hasLink = true;
      else if (value === 'file') query.hasFile = true;
      else throw new SyntaxProblem('has: takes link or file, like has:link', position);
      return;
    }
    case 'is': {
      if (value !== 'mention') throw new SyntaxProblem('is: takes mention, like is:mention', position);
      query.isMention = true;
      return;
    }
  }
}

function addTerm(query: SearchQuery, term: SearchTerm, exclude: boolean, position: number): void {
  if (!SEARCHABLE.test(term.text)) return;
  const list = exclude ? query.exclude : query.include;
  if (list.some((t) => t.kind === term.kind && t.text.toLowerCase() === term.text.toLowerCase())) return;
  if (query.include.length + query.exclude.length >= SEARCH_TERMS_MAX) {
    throw new SyntaxProblem(`too many words: at most ${SEARCH_TERMS_MAX}`, position);
  }
  list.push(term);
}

function parseOrThrow(text: string): SearchQuery {
  if (text.length > SEARCH_QUERY_MAX_CHARS) {
    throw new SyntaxProblem(`the query is too long: at most ${SEARCH_QUERY_MAX_CHARS} characters`, 0);
  }
  const query = emptySearchQuery();
  const scanner: Scanner = { text, at: 0 };
  let sawAnything = false;

  while (scanner.at < text.length) {
    if (isSpace(text[scanner.at])) {
      scanner.at += 1;
      continue;
    }
    const position = scanner.at;
    const exclude = text[scanner.at] === '-';
    if (exclude) {
      scanner.at += 1;
      if (scanner.at >= text.length || isSpace(text[scanner.at])) {
        throw new SyntaxProblem('nothing to exclude after -', position);
      }
    }

    if (text[scanner.at] === '"') {
      const inside = readQuoted(scanner).trim().replace(/\s+/gu, ' ');
      if (!inside) throw new SyntaxProblem('the quotes are empty: put a phrase between them', position);
      // `"a phrase"*` — a star after a phrase has no meaning; it is ignored.
      if (text[scanner.at] === '*') scanner.at += 1;
      addTerm(query, { kind: 'phrase', text: inside }, exclude, position);
      sawAnything = true;
      continue;
    }

    const bare = readBare(scanner);
    const colon = bare.indexOf(':');
    const name = colon > 0 ? bare.slice(0, colon).toLowerCase() : '';
    if (isOperator(name)) {
      if (exclude) {
        throw new SyntaxProblem(
          `-${name}: is not supported: only words and phrases can be excluded`,
          position,
        );
      }
      let value = bare.slice(colon + 1);
      // in:"team alpha", in:#"team alpha"
      if ((value === '' || value === '#' || value === '@') && text[scanner.at] === '"') {
        value += readQuoted(scanner);
      }
      if (!value.trim()) {
        throw new SyntaxProblem(`${name}: needs a value, like ${exampleOf(name)}`, position);
      }
      applyOperator(query, name, value, position);
      sawAnything = true;
      continue;
    }

    if (/^\*+$/.test(bare)) throw new SyntaxProblem('a * needs a word before it, like deploy*', position);
    const prefix = bare.endsWith('*');
    const word = prefix ? bare.replace(/\*+$/, '') : bare;
    addTerm(query, { kind: prefix ? 'prefix' : 'word', text: word }, exclude, position);
    sawAnything = true;
  }

  const hasFilter =
    query.from.length > 0 ||
    query.in.length > 0 ||
    query.before !== null ||
    query.after !== null ||
    query.on !== null ||
    query.hasLink ||
    query.hasFile ||
    query.isMention;
  if (query.include.length === 0 && query.exclude.length === 0 && !hasFilter) {
    throw new SyntaxProblem(
      sawAnything ? 'nothing to search for: type a word' : 'type something to search for',
      0,
    );
  }
  return query;
}

function exampleOf(name: SearchOperator): string {
  switch (name) {
    case 'from':
      return 'from:@alice';
    case 'in':
      return 'in:#general';
    case 'before':
    case 'after':
    case 'on':
      return `${name}:2025-01-31`;
    case 'has':
      return 'has:link';
    case 'is':
      return 'is:mention';
  }
}

/** Parses a query as typed into the search box. Never throws: a problem comes back as `error`. */
export function parseSearchQuery(text: string): ParsedSearchQuery {
  try {
    return { ok: true, query: parseOrThrow(text) };
  } catch (error) {
    if (error instanceof SyntaxProblem) {
      return { ok: false, error: { message: error.message, position: error.position } };
    }
    throw error;
  }
}

function formatTerm(term: SearchTerm): string {
  if (term.kind === 'phrase') return `"${term.text}"`;
  return term.kind === 'prefix' ? `${term.text}*` : term.text;
}

function formatValue(value: string): string {
  return /[\s"]/u.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

/**
 * The query as text again, in a canonical order (terms, exclusions, then filters): parsing the
 * result gives the same structure. The UI removes a chip by dropping it from the structure and
 * formatting what is left.
 */
export function formatSearchQuery(query: SearchQuery): string {
  const parts = [
    ...query.include.map(formatTerm),
    ...query.exclude.map((term) => `-${formatTerm(term)}`),
    ...query.from.map((username) => `from:@${username}`),
    ...query.in.map((ref) =>
      ref.kind === 'direct' ? `in:@${ref.username}` : `in:${formatValue(`#${ref.name}`)}`,
    ),
    ...(query.before ? [`before:${query.before}`] : []),
    ...(query.after ? [`after:${query.after}`] : []),
    ...(query.on ? [`on:${query.on}`] : []),
    ...(query.hasLink ? ['has:link'] : []),
    ...(query.hasFile ? ['has:file'] : []),
    ...(query.isMention ? ['is:mention'] : []),
  ];
  return parts.join(' ');
}
