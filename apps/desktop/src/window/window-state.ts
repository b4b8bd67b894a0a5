import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const Int = z.number().int().min(-100_000).max(100_000);

/** What is saved: the normal (not maximised) bounds, and whether it was maximised or full screen. */
export const WindowState = z.object({
  bounds: z.object({ x: Int, y: Int, width: Int.positive(), height: Int.positive() }),
  maximized: z.boolean(),
  fullScreen: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export const DEFAULT_SIZE = { width: 1200, height: 800 };
export const MIN_SIZE = { width: 480, height: 400 };

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

function fit(size: { width: number; height: number }, area: Rect): { width: number; height: number } {
  return {
    width: clamp(size.width, Math.min(MIN_SIZE.width, area.width), area.width),
    height: clamp(size.height, Math.min(MIN_SIZE.height, area.height), area.height),
  };
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const { width, height } = fit(size, area);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where the window opens: the saved bounds, moved and shrunk to lie wholly on the display they
 * overlap most; centred on the primary display when they overlap none (a monitor unplugged
 * since) or nothing usable was saved.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[], primary: Rect): WindowState {
  const parsed = WindowState.safeParse(saved);
  if (!parsed.success) return { bounds: centred(DEFAULT_SIZE, primary), maximized: false, fullScreen: false };
  const { bounds, maximized, fullScreen } = parsed.data;
  let best: Rect | undefined;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const shared = overlap(bounds, area);
    if (shared > bestOverlap) {
      best = area;
      bestOverlap = shared;
    }
  }
  if (best === undefined) return { bounds: centred(bounds, primary), maximized, fullScreen };
  const { width, height } = fit(bounds, best);
  return {
    bounds: {
      x: clamp(bounds.x, best.x, best.x + best.width - width),
      y: clamp(bounds.y, best.y, best.y + best.height - height),
      width,
      height,
    },
    maximized,
    fullScreen,
  };
}
