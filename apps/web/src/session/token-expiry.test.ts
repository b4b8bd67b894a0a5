import { describe, expect, it } from 'vitest';
import { needsRefresh } from './token-expiry';

describe('needsRefresh', () => {
  const now = Date.parse('2026-01-01T00:00:00.000Z');

  it('keeps a token that has minutes left', () => {
    expect(needsRefresh('2026-01-01T00:10:00.000Z', now)).toBe(false);
  });

  it('refreshes a token that expires within a minute, or has expired', () => {
    expect(needsRefresh('2026-01-01T00:00:30.000Z', now)).toBe(true);
    expect(needsRefresh('2025-12-31T23:59:00.000Z', now)).toBe(true);
  });

  it('refreshes when the expiry cannot be read', () => {
    expect(needsRefresh('soon', now)).toBe(true);
  });
});
