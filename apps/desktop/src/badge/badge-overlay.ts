/**
 * The Windows taskbar overlay: a red disc with the badge text in white, drawn into a raw BGRA
 * bitmap (`nativeImage.createFromBitmap`) so the main process needs no canvas.
 */
export interface Bitmap {
  width: number;
  height: number;
  /** BGRA, row by row */
  pixels: Uint8Array;
}

const GLYPHS: Record<string, readonly string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '001', '001', '001'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};
const GLYPH_WIDTH = 3;
const GLYPH_HEIGHT = 5;

const RED = [0x25, 0x30, 0xd9, 0xff] as const; // #d93025 as BGRA
const WHITE = [0xff, 0xff, 0xff, 0xff] as const;

/** null for no badge. Text the font can't draw is refused rather than drawn wrong. */
export function renderBadgeOverlay(text: string, size = 32): Bitmap | null {
  if (text === '') return null;
  const glyphs = [...text].map((char) => GLYPHS[char]);
  if (glyphs.some((glyph) => glyph === undefined)) throw new Error(`cannot draw badge text ${text}`);

  const pixels = new Uint8Array(size * size * 4);
  const set = (x: number, y: number, color: readonly number[]) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    pixels.set(color, (y * size + x) * 4);
  };

  const radius = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if ((x + 0.5 - radius) ** 2 + (y + 0.5 - radius) ** 2 <= radius ** 2) set(x, y, RED);
    }
  }

  const scale = Math.max(1, Math.floor(size / 16));
  const textWidth = (glyphs.length * (GLYPH_WIDTH + 1) - 1) * scale;
  const left = Math.floor((size - textWidth) / 2);
  const top = Math.floor((size - GLYPH_HEIGHT * scale) / 2);
  glyphs.forEach((glyph, index) => {
    glyph?.forEach((row, gy) => {
      [...row].forEach((bit, gx) => {
        if (bit !== '1') return;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            set(left + (index * (GLYPH_WIDTH + 1) + gx) * scale + dx, top + gy * scale + dy, WHITE);
          }
        }
      });
    });
  });
  return { width: size, height: size, pixels };
}
