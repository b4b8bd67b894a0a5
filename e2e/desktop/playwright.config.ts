import { defineConfig } from '@playwright/test';

// The desktop shell's browser-side tests: self-contained (no Confab server), so they run alone:
//   npx playwright test -c e2e/desktop/playwright.config.ts
// They also run as part of the whole suite (e2e/playwright.config.ts matches them too).
const CHROMIUM = process.env.CONFAB_CHROMIUM ?? '/usr/bin/chromium';

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
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
