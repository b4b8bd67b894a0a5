import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('grows the window exponentially from the base', () => {
    const top = () => 0.999_999;
    expect(backoffDelay(0, { random: top })).toBe(499);
    expect(backoffDelay(1, { random: top })).toBe(999);
    expect(backoffDelay(3, { random: top })).toBe(3_999);
  });

  it('full jitter never exceeds the cap and spans zero to the cap', () => {
    expect(backoffDelay(20, { random: () => 0 })).toBe(0);
    expect(backoffDelay(20, { random: () => 0.5 })).toBe(15_000);
    expect(backoffDelay(20, { random: () => 0.999_999 })).toBe(29_999);
    for (let attempt = 0; attempt < 100; attempt++) {
      const delay = backoffDelay(attempt);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(30_000);
    }
  });

  it('does not overflow for huge attempt numbers', () => {
    expect(backoffDelay(10_000, { random: () => 0.5 })).toBe(15_000);
  });

  it('takes its base and cap from the options', () => {
    expect(backoffDelay(5, { baseMs: 100, capMs: 1_000, random: () => 0.5 })).toBe(500);
    expect(backoffDelay(1, { baseMs: 100, capMs: 1_000, random: () => 0.5 })).toBe(100);
  });
});
