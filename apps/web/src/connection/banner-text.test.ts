import { describe, expect, it } from 'vitest';
import { bannerText } from './banner-text';

describe('bannerText', () => {
  it('says nothing while connected', () => {
    expect(bannerText({ status: 'connected' }, 0)).toBeNull();
  });

  it('counts down to the next attempt in whole seconds', () => {
    const waiting = { status: 'waiting', retryAt: 10_000, attempt: 2, reason: 'transport close' } as const;
    expect(bannerText(waiting, 5_500)).toBe('Reconnecting in 5 s');
    expect(bannerText(waiting, 9_999)).toBe('Reconnecting in 1 s');
  });

  it('tells connecting from reconnecting, and says when the device is offline', () => {
    expect(bannerText({ status: 'connecting', attempt: 0 }, 0)).toBe('Connecting…');
    expect(bannerText({ status: 'connecting', attempt: 3 }, 0)).toBe('Reconnecting…');
    expect(bannerText({ status: 'offline' }, 0)).toMatch(/^You are offline/);
  });
});
