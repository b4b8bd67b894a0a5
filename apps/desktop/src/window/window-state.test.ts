import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, restoreWindowState } from './window-state.js';

const LAPTOP = { x: 0, y: 0, width: 1440, height: 875 };
const MONITOR = { x: 1440, y: -200, width: 2560, height: 1400 };

describe('the window state', () => {
  it('restores size and position that fit on a display', () => {
    const saved = { bounds: { x: 1600, y: 0, width: 1300, height: 900 }, maximized: true, fullScreen: false };
    expect(restoreWindowState(saved, [LAPTOP, MONITOR], LAPTOP)).toEqual(saved);
  });

  it('opens at the default size in the middle of the primary display the first time', () => {
    expect(restoreWindowState(undefined, [LAPTOP], LAPTOP)).toEqual({
      bounds: { x: 120, y: 38, ...DEFAULT_SIZE },
      maximized: false,
      fullScreen: false,
    });
  });

  it('ignores a damaged saved state', () => {
    const saved = { bounds: { x: 'left', y: 0, width: -5, height: 900 }, maximized: 'yes' };
    expect(restoreWindowState(saved, [LAPTOP], LAPTOP).bounds).toEqual({ x: 120, y: 38, ...DEFAULT_SIZE });
  });

  it('moves a window left on an unplugged monitor to the primary display', () => {
    const saved = {
      bounds: { x: 2000, y: 100, width: 1300, height: 900 },
      maximized: false,
      fullScreen: false,
    };
    expect(restoreWindowState(saved, [LAPTOP], LAPTOP).bounds).toEqual({
      x: 70,
      y: 0,
      width: 1300,
      height: 875,
    });
  });

  it('pulls a window hanging off an edge back onto the display it mostly covers', () => {
    const saved = {
      bounds: { x: -300, y: 700, width: 1000, height: 600 },
      maximized: false,
      fullScreen: false,
    };
    expect(restoreWindowState(saved, [LAPTOP, MONITOR], LAPTOP).bounds).toEqual({
      x: 0,
      y: 275,
      width: 1000,
      height: 600,
    });
  });

  it('shrinks a window larger than its display, but not below the minimum', () => {
    const small = { x: 0, y: 0, width: 1024, height: 600 };
    const big = { bounds: { x: 0, y: 0, width: 3000, height: 2000 }, maximized: false, fullScreen: false };
    expect(restoreWindowState(big, [small], small).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 600 });
    const tiny = { bounds: { x: 10, y: 10, width: 50, height: 50 }, maximized: false, fullScreen: false };
    expect(restoreWindowState(tiny, [small], small).bounds).toEqual({
      x: 10,
      y: 10,
      width: 480,
      height: 400,
    });
  });
});
