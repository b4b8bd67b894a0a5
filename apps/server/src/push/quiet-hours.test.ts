import { describe, expect, it } from 'vitest';
import { inQuietHours, minuteOfDay } from './quiet-hours.js';

const at = (iso: string) => new Date(iso);

describe('quiet hours', () => {
  it('reads the minute of the day in the user’s time zone', () => {
    expect(minuteOfDay(at('2026-01-15T23:30:00Z'), 'UTC')).toBe(23 * 60 + 30);
    expect(minuteOfDay(at('2026-01-15T23:30:00Z'), 'Europe/Berlin')).toBe(30);
    expect(minuteOfDay(at('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(8 * 60);
  });

  it('covers a window within one day, start included and end excluded', () => {
    const lunch = { start: 12 * 60, end: 13 * 60, timeZone: 'UTC' };
    expect(inQuietHours(lunch, at('2026-01-15T12:00:00Z'))).toBe(true);
    expect(inQuietHours(lunch, at('2026-01-15T12:59:00Z'))).toBe(true);
    expect(inQuietHours(lunch, at('2026-01-15T13:00:00Z'))).toBe(false);
    expect(inQuietHours(lunch, at('2026-01-15T11:59:00Z'))).toBe(false);
  });

  it('spans midnight when the start is after the end', () => {
    const night = { start: 22 * 60, end: 7 * 60, timeZone: 'Europe/Berlin' };
    expect(inQuietHours(night, at('2026-01-15T21:30:00Z'))).toBe(true); // 22:30 in Berlin
    expect(inQuietHours(night, at('2026-01-16T05:59:00Z'))).toBe(true); // 06:59
    expect(inQuietHours(night, at('2026-01-16T06:00:00Z'))).toBe(false); // 07:00
    expect(inQuietHours(night, at('2026-01-15T12:00:00Z'))).toBe(false);
  });
});
