import { parseSearchQuery, type SearchQuery } from '@confab/shared';

export interface Chip {
  label: string;
  kind: 'filter' | 'exclude' | 'phrase';
}

/** The parsed query's filters, as chips the person can read back ("from @ana", "not: draft"). */
export function queryChips(text: string): { chips: Chip[]; error: string | null } {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok) return { chips: [], error: parsed.error.message };
  return { chips: chipsOf(parsed.query), error: null };
}

function chipsOf(query: SearchQuery): Chip[] {
  const chips: Chip[] = [];
  for (const term of query.include)
    if (term.kind === 'phrase') chips.push({ label: `“${term.text}”`, kind: 'phrase' });
  for (const term of query.exclude) chips.push({ label: `not: ${term.text}`, kind: 'exclude' });
  for (const user of query.from) chips.push({ label: `from @${user}`, kind: 'filter' });
  for (const ref of query.in) {
    chips.push({ label: ref.kind === 'named' ? `in #${ref.name}` : `with @${ref.username}`, kind: 'filter' });
  }
  if (query.after) chips.push({ label: `after ${query.after}`, kind: 'filter' });
  if (query.before) chips.push({ label: `before ${query.before}`, kind: 'filter' });
  if (query.on) chips.push({ label: `on ${query.on}`, kind: 'filter' });
  if (query.hasLink) chips.push({ label: 'has a link', kind: 'filter' });
  if (query.hasFile) chips.push({ label: 'has a file', kind: 'filter' });
  if (query.isMention) chips.push({ label: 'mentions me', kind: 'filter' });
  return chips;
}
