import type { DesktopSettings } from './settings.js';

export type UpdatePolicy = { enabled: true } | { enabled: false; reason: string };

export interface BuildFacts {
  isPackaged: boolean;
  /** electron-builder wrote update metadata (app-update.yml): the build was made with a publish URL. */
  hasUpdateFeed: boolean;
  platform: string;
  /** Linux: running from an AppImage (a .deb is updated by the package manager). */
  isAppImage: boolean;
}

/** Whether the app looks for updates: only when the user's setting and the build both say so. */
export function updatePolicy(settings: DesktopSettings, build: BuildFacts): UpdatePolicy {
  if (!settings.autoUpdate) return { enabled: false, reason: 'turned off in settings (autoUpdate)' };
  if (!build.isPackaged) return { enabled: false, reason: 'not a packaged build' };
  if (!build.hasUpdateFeed) return { enabled: false, reason: 'this build has no update feed' };
  if (build.platform === 'linux' && !build.isAppImage) {
    return { enabled: false, reason: 'installed from a package: the package manager updates it' };
  }
  return { enabled: true };
}
