import { describe, expect, it } from 'vitest';
import { renderBadgeOverlay } from './badge-overlay.js';
import { badgeText } from './badge-text.js';

describe('the badge text', () => {
  it('is nothing without unread messages', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(-3)).toBe('');
    expect(badgeText(Number.NaN)).toBe('');
  });

  it('is the count from 1 to 99, then 99+', () => {
    expect(badgeText(1)).toBe('1');
    expect(badgeText(42)).toBe('42');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
    expect(badgeText(12_345)).toBe('99+');
  });
});

describe('the taskbar overlay', () => {
  const pixel = (bitmap: { width: number; pixels: Uint8Array }, x: number, y: number) => [
    ...bitmap.pixels.subarray((y * bitmap.width + x) * 4, (y * bitmap.width + x) * 4 + 4),
  ];

  it('is absent without a badge', () => {
    expect(renderBadgeOverlay('')).toBeNull();
  });

  it('is a red disc with the text in white', () => {
    const bitmap = renderBadgeOverlay('8')!;
    expect(bitmap.width).toBe(32);
    expect(bitmap.pixels).toHaveLength(32 * 32 * 4);
    expect(pixel(bitmap, 0, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(bitmap, 16, 2)).toEqual([0x25, 0x30, 0xd9, 0xff]);
    // The 8's middle bar crosses the centre.
    expect(pixel(bitmap, 16, 16)).toEqual([0xff, 0xff, 0xff, 0xff]);
  });

  it('draws "99+" inside the disc', () => {
    const bitmap = renderBadgeOverlay('99+')!;
    let white = 0;
    for (let i = 0; i < bitmap.pixels.length; i += 4) if (bitmap.pixels[i] === 0xff) white++;
    // Two nines (12 lit cells each) and a plus (5), each cell 2×2 pixels.
    expect(white).toBe((12 + 12 + 5) * 4);
  });

  it('refuses text it has no glyphs for', () => {
    expect(() => renderBadgeOverlay('1k')).toThrow('cannot draw');
  });
});
