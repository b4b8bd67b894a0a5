import { describe, expect, it } from 'vitest';
import { applicationServerKey, sameKey } from './application-server-key';

describe('applicationServerKey', () => {
  it('decodes base64url without padding', () => {
    expect([...applicationServerKey('-_8')]).toEqual([0xfb, 0xff]);
    expect(applicationServerKey('B'.padEnd(87, 'A'))).toHaveLength(65);
  });

  it('tells whether a subscription was made with the same key', () => {
    const key = applicationServerKey('AQID');
    expect(sameKey(new Uint8Array([1, 2, 3]).buffer, key)).toBe(true);
    expect(sameKey(new Uint8Array([1, 2, 4]).buffer, key)).toBe(false);
    expect(sameKey(null, key)).toBe(false);
  });
});
