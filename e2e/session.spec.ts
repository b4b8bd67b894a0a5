import { expect, test } from '@playwright/test';
import { createPerson, sidebar, signIn } from './support/people.js';

interface StoredSession {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

const readSession = (value: string | null) => JSON.parse(value ?? 'null') as StoredSession;

test('a refused or expiring access token is refreshed without asking the person to sign in again', async ({
  browser,
}) => {
  const ana = await createPerson('Ana');
  const { page, context } = await signIn(browser, ana);
  const signedIn = readSession(await page.evaluate(() => localStorage.getItem('confab.session')));

  // The server refuses the token (as after a restart with a new secret): refresh, then connect.
  await page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem('confab.session') ?? '{}');
    localStorage.setItem('confab.session', JSON.stringify({ ...session, accessToken: 'not-a-valid-token' }));
  });
  await page.reload();
  await expect(sidebar(page)).toBeVisible();
  await expect
    .poll(
      async () => readSession(await page.evaluate(() => localStorage.getItem('confab.session'))).accessToken,
    )
    .not.toBe('not-a-valid-token');
  const refreshed = readSession(await page.evaluate(() => localStorage.getItem('confab.session')));
  expect(refreshed.refreshToken).not.toBe(signedIn.refreshToken);
  // …and the device is connected: it receives what is said to it.
  await expect(page.getByRole('status').filter({ hasText: /connect/i })).toHaveCount(0);

  // A token about to expire is refreshed before it is used.
  await page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem('confab.session') ?? '{}');
    localStorage.setItem(
      'confab.session',
      JSON.stringify({ ...session, accessTokenExpiresAt: new Date(Date.now() + 5_000).toISOString() }),
    );
  });
  await page.reload();
  await expect(sidebar(page)).toBeVisible();
  await expect
    .poll(
      async () => readSession(await page.evaluate(() => localStorage.getItem('confab.session'))).refreshToken,
    )
    .not.toBe(refreshed.refreshToken);

  // Signing out revokes the device and forgets the session.
  await page.getByRole('button', { name: /^Settings/ }).click();
  await page
    .getByRole('dialog', { name: 'Settings' })
    .getByRole('button', { name: 'Sign out' })
    .last()
    .click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('confab.session'))).toBeNull();
  await context.close();
});
