import { describe, expect, it } from 'vitest';
import { timeRange } from './time-range.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

describe('timeRange', () => {
  it('on: a day is that day, in the searcher’s time zone', () => {
    const utc = timeRange({ on: '2025-01-31', before: null, after: null }, 0);
    expect([iso(utc.since), iso(utc.until)]).toEqual([
      '2025-01-31T00:00:00.000Z',
      '2025-02-01T00:00:00.000Z',
    ]);
    const berlin = timeRange({ on: '2025-01-31', before: null, after: null }, 60);
    expect([iso(berlin.since), iso(berlin.until)]).toEqual([
      '2025-01-30T23:00:00.000Z',
      '2025-01-31T23:00:00.000Z',
    ]);
  });

  it('before: ends when the day starts, after: starts when the next one does', () => {
    const range = timeRange({ on: null, before: '2025-03-01', after: '2025-01-31' }, 0);
    expect([iso(range.since), iso(range.until)]).toEqual([
      '2025-02-01T00:00:00.000Z',
      '2025-03-01T00:00:00.000Z',
    ]);
  });

  it('the narrowest of several holds', () => {
    const range = timeRange({ on: '2025-02-10', before: '2025-03-01', after: '2025-01-31' }, 0);
    expect([iso(range.since), iso(range.until)]).toEqual([
      '2025-02-10T00:00:00.000Z',
      '2025-02-11T00:00:00.000Z',
    ]);
    expect(timeRange({ on: null, before: null, after: null }, 0)).toEqual({ since: null, until: null });
  });
});
