import { describe, expect, it } from 'vitest';
import { createMemoryJsonFile } from '../storage/json-file.js';
import { autostartEntry, loginItemPlan } from './login-item.js';
import { DEFAULT_SETTINGS, loadSettings } from './settings.js';
import { updatePolicy } from './updates.js';

describe('the settings', () => {
  it('start with start-at-login and auto-update off', async () => {
    expect((await loadSettings(createMemoryJsonFile())).get()).toEqual({
      startAtLogin: false,
      autoUpdate: false,
    });
  });

  it('are saved when changed', async () => {
    const file = createMemoryJsonFile();
    await (await loadSettings(file)).update({ startAtLogin: true });
    expect((await loadSettings(file)).get()).toEqual({ startAtLogin: true, autoUpdate: false });
  });

  it('fill in what an older file lacks, and ignore a damaged one', async () => {
    expect((await loadSettings(createMemoryJsonFile({ startAtLogin: true }))).get()).toEqual({
      startAtLogin: true,
      autoUpdate: false,
    });
    expect((await loadSettings(createMemoryJsonFile({ autoUpdate: 'yes' }))).get()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('auto-update', () => {
  const build = { isPackaged: true, hasUpdateFeed: true, platform: 'win32', isAppImage: false };
  const on = { ...DEFAULT_SETTINGS, autoUpdate: true };

  it('is off by default', () => {
    expect(updatePolicy(DEFAULT_SETTINGS, build)).toEqual({
      enabled: false,
      reason: 'turned off in settings (autoUpdate)',
    });
  });

  it('runs when the setting is on in a packaged build with a feed', () => {
    expect(updatePolicy(on, build)).toEqual({ enabled: true });
    expect(updatePolicy(on, { ...build, platform: 'linux', isAppImage: true })).toEqual({ enabled: true });
  });

  it('stays off in development, without a feed, and for a .deb', () => {
    expect(updatePolicy(on, { ...build, isPackaged: false }).enabled).toBe(false);
    expect(updatePolicy(on, { ...build, hasUpdateFeed: false }).enabled).toBe(false);
    expect(updatePolicy(on, { ...build, platform: 'linux' }).enabled).toBe(false);
  });
});

describe('start at login', () => {
  const env = { execPath: '/opt/Confab/confab', home: '/home/kevin' };

  it('is a login item on macOS and Windows, started hidden', () => {
    expect(loginItemPlan(true, { ...env, platform: 'win32' })).toEqual({
      kind: 'login-item',
      settings: { openAtLogin: true, args: ['--hidden'] },
    });
    expect(loginItemPlan(false, { ...env, platform: 'darwin' })).toEqual({
      kind: 'login-item',
      settings: { openAtLogin: false, args: [] },
    });
  });

  it('is an XDG autostart entry on Linux, removed when turned off', () => {
    expect(loginItemPlan(true, { ...env, platform: 'linux' })).toEqual({
      kind: 'autostart-file',
      file: '/home/kevin/.config/autostart/confab.desktop',
      contents: autostartEntry('/opt/Confab/confab'),
    });
    expect(loginItemPlan(false, { ...env, platform: 'linux', xdgConfigHome: '/xdg' })).toEqual({
      kind: 'autostart-file',
      file: '/xdg/autostart/confab.desktop',
      contents: null,
    });
  });

  it('starts the AppImage file rather than its temporary mount', () => {
    const plan = loginItemPlan(true, {
      ...env,
      platform: 'linux',
      appImage: '/home/kevin/Apps/Confab 1.0.AppImage',
    });
    expect(plan.kind === 'autostart-file' && plan.contents).toContain(
      'Exec="/home/kevin/Apps/Confab 1.0.AppImage" --hidden',
    );
  });
});
