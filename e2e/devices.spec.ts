import { expect, test } from '@playwright/test';
import { createPerson, signIn } from './support/people.js';

test('a revoked device is signed out at once', async ({ browser }) => {
  const ana = await createPerson('Ana');
  const laptop = await signIn(browser, ana);
  const lostPhone = await signIn(browser, ana);

  await laptop.page.getByRole('button', { name: /^Settings/ }).click();
  const settings = laptop.page.getByRole('dialog', { name: 'Settings' });
  const revoke = settings.getByRole('button', { name: /^Revoke/ });
  await expect(revoke).toHaveCount(1);
  await revoke.click();
  await expect(revoke).toHaveCount(0);

  await expect(lostPhone.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await lostPhone.page.evaluate(() => localStorage.getItem('confab.session'))).toBeNull();
  // The laptop stays signed in.
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(laptop.page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();

  await Promise.all([laptop.context.close(), lostPhone.context.close()]);
});
