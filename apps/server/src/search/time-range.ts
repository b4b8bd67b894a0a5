import type { SearchQuery } from '@confab/shared';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight starting `day` (YYYY-MM-DD) for someone `utcOffsetMinutes` east of UTC. */
function startOfDay(day: string, utcOffsetMinutes: number): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, date) - utcOffsetMinutes * 60_000;
}

/**
 * `before:` / `after:` / `on:` as one time range [since, until): before a day means before it
 * starts, after a day means from the next one, on a day means within it.
 */
export function timeRange(
  query: Pick<SearchQuery, 'before' | 'after' | 'on'>,
  utcOffsetMinutes: number,
): { since: Date | null; until: Date | null } {
  const starts: number[] = [];
  const ends: number[] = [];
  if (query.on) {
    const start = startOfDay(query.on, utcOffsetMinutes);
    starts.push(start);
    ends.push(start + DAY_MS);
  }
  if (query.after) starts.push(startOfDay(query.after, utcOffsetMinutes) + DAY_MS);
  if (query.before) ends.push(startOfDay(query.before, utcOffsetMinutes));
  const since = starts.length > 0 ? Math.max(...starts) : null;
  const until = ends.length > 0 ? Math.min(...ends) : null;
  return {
    since: since === null ? null : new Date(since),
    until: until === null ? null : new Date(until),
  };
}
