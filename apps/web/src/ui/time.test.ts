import { describe, expect, it } from 'vitest';
import { formatLastSeen } from './time';

describe('formatLastSeen', () => {
  const now = Date.parse('2026-03-10T12:00:00.000Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it('says roughly when', () => {
    expect(formatLastSeen(ago(20_000), now)).toBe('Last seen just now');
    expect(formatLastSeen(ago(5 * 60_000), now)).toBe('Last seen 5 min ago');
    expect(formatLastSeen(ago(3 * 3_600_000), now)).toBe('Last seen 3 h ago');
    expect(formatLastSeen(ago(30 * 3_600_000), now)).toBe('Last seen yesterday');
    expect(formatLastSeen(ago(4 * 86_400_000), now)).toBe('Last seen 4 days ago');
  });

  it('says offline when the server has never seen them go', () => {
    expect(formatLastSeen(null, now)).toBe('Offline');
  });
});
