import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESKTOP_BRIDGE_METHODS } from '@confab/shared/desktop';
import { _electron as electron, expect, test } from '@playwright/test';

// Starts the real desktop app. It needs an Electron binary (none can be downloaded on the
// project's CI machines: npm installs electron there with ELECTRON_SKIP_BINARY_DOWNLOAD=1) and,
// on Linux, a display (run under xvfb-run on a headless machine).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const desktopDir = path.join(root, 'apps/desktop');

/**
 * The binary the electron package would start, without requiring the package: its index.js
 * tries to download a missing binary (slow, and failing offline).
 */
function findElectron(): { executable: string } | { skip: string } {
  let packageDir: string;
  try {
    packageDir = path.dirname(
      createRequire(path.join(desktopDir, 'package.json')).resolve('electron/package.json'),
    );
  } catch {
    return { skip: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const executable = relative === '' ? '' : path.join(distDir, relative);
  if (executable === '' || !existsSync(executable)) {
    return {
      skip: 'no Electron binary (npm installed electron with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or offline)',
    };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { skip: 'no display: run the test under xvfb-run' };
  }
  return { executable };
}

const found = findElectron();
const skipReason = 'skip' in found ? found.skip : null;
if (skipReason !== null) console.log(`[desktop e2e] Electron launch test skipped: ${skipReason}`);

test.describe('the desktop app', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  let userData: string;
  test.beforeAll(() => {
    const built = spawnSync('npm', ['run', 'build', '-w', '@confab/desktop'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('building the desktop app failed');
  });
  test.beforeEach(() => {
    userData = mkdtempSync(path.join(tmpdir(), 'confab-desktop-e2e-'));
  });
  test.afterEach(() => rmSync(userData, { recursive: true, force: true }));

  test('starts on its server list, and the page sees only the bridge', async () => {
    if (!('executable' in found)) return;
    const app = await electron.launch({
      executablePath: found.executable,
      // Chromium refuses to start as root (CI containers) unless its OS-level sandbox is off;
      // the windows' webPreferences still ask for a sandboxed renderer.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), desktopDir],
      env: { ...process.env, CONFAB_DESKTOP_USER_DATA: userData },
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveURL('confab-app://app/servers.html');

      // The window's webPreferences (sandbox, contextIsolation, no nodeIntegration) are checked
      // in apps/desktop/src/main.test.ts; here, what the page can reach.
      const exposed = await page.evaluate(() => ({
        bridge: Object.keys((window as unknown as { confabDesktop: object }).confabDesktop).sort(),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(exposed).toEqual({
        bridge: [...DESKTOP_BRIDGE_METHODS, 'version'].sort(),
        require: 'undefined',
        process: 'undefined',
      });

      // The server list page refuses an address the app cannot use.
      await page.fill('#server-url', 'file:///etc/passwd');
      await page.click('button[type=submit]');
      await expect(page.locator('#add-error')).toContainText('https://');

      // window.open never makes a window.
      await page.evaluate(() => window.open('https://example.org/', '_blank'));
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
