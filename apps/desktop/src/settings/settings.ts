import { z } from 'zod';
import { type JsonFile, readRecord } from '../storage/json-file.js';

/** The app's own settings (settings.json in the user data folder). */
export const DesktopSettings = z.object({
  startAtLogin: z.boolean().default(false),
  /** Off unless the user turns it on, and only in a build that has an update feed. */
  autoUpdate: z.boolean().default(false),
});
export type DesktopSettings = z.infer<typeof DesktopSettings>;

export const DEFAULT_SETTINGS: DesktopSettings = { startAtLogin: false, autoUpdate: false };

export interface SettingsStore {
  get(): DesktopSettings;
  update(change: Partial<DesktopSettings>): Promise<DesktopSettings>;
}

export async function loadSettings(file: JsonFile): Promise<SettingsStore> {
  let settings = await readRecord(file, DesktopSettings, DEFAULT_SETTINGS);
  return {
    get: () => settings,
    async update(change) {
      settings = DesktopSettings.parse({ ...settings, ...change });
      await file.write(settings);
      return settings;
    },
  };
}
