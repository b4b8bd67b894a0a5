/**
 * How every e2e config launches Debian's Chromium (apt-get install chromium): Playwright never
 * downloads a browser here.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CONFAB_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
