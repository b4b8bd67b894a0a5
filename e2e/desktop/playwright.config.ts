import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium.js';

// The desktop shell's browser-side tests: self-contained (no Confab server), so they run alone:
//   npx playwright test -c e2e/desktop/playwright.config.ts
// They also run as part of the whole suite (e2e/playwright.config.ts matches them too).
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e-desktop',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
