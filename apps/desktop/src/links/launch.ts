/**
 * What arrives before the app can act on it (a deep link at launch, macOS's `open-url` before
 * `ready`) waits here; once the handler is set, items go straight to it.
 */
export interface LaunchQueue<T> {
  push(item: T): void;
  ready(handler: (item: T) => void): void;
}

export function createLaunchQueue<T>(): LaunchQueue<T> {
  const waiting: T[] = [];
  let handle: ((item: T) => void) | null = null;
  return {
    push(item) {
      if (handle === null) waiting.push(item);
      else handle(item);
    },
    ready(handler) {
      handle = handler;
      for (const item of waiting.splice(0)) handler(item);
    },
  };
}

export const HIDDEN_SWITCH = '--hidden';

/** Started at login (`--hidden` on Windows and Linux, the login item flag on macOS): tray only. */
export function startsHidden(argv: readonly string[], wasOpenedAtLogin: boolean): boolean {
  return wasOpenedAtLogin || argv.includes(HIDDEN_SWITCH);
}
