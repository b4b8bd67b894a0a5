import { app, type BrowserWindow, nativeImage } from 'electron';
import { renderBadgeOverlay } from '../badge/badge-overlay.js';
import { badgeText } from '../badge/badge-text.js';

/** The dock badge on macOS, the taskbar overlay on Windows, the launcher count on Linux. */
export function showBadge(window: BrowserWindow | null, unread: number): void {
  const text = badgeText(unread);
  if (process.platform === 'darwin') {
    app.dock?.setBadge(text);
  } else if (process.platform === 'win32') {
    if (window === null || window.isDestroyed()) return;
    const bitmap = renderBadgeOverlay(text);
    const image =
      bitmap === null
        ? null
        : nativeImage.createFromBitmap(Buffer.from(bitmap.pixels), {
            width: bitmap.width,
            height: bitmap.height,
          });
    window.setOverlayIcon(image, text === '' ? '' : `${text} unread`);
  } else {
    app.setBadgeCount(text === '' ? 0 : unread);
  }
}
