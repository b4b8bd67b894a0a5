/** What the global setup hands the test workers, through their environment. */
export const E2E_URL = 'CONFAB_E2E_URL';
export const E2E_ADMIN_TOKEN = 'CONFAB_E2E_ADMIN_TOKEN';
/** For seeding what would take too long through the API (ten thousand messages). */
export const E2E_DATABASE_URL = 'CONFAB_E2E_DATABASE_URL';

export const ADMIN = { username: 'admin', displayName: 'Admin', password: 'admin-password-1' };

export function serverUrl(): string {
  const url = process.env[E2E_URL];
  if (!url) throw new Error(`${E2E_URL} is not set: run the suite with its global setup`);
  return url;
}
