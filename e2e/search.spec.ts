import { expect, test } from '@playwright/test';
import { createPerson, messages, openConversation, openDirect, send, signIn } from './support/people.js';

test('Ben finds Ana’s message by an identifier, sees the filters as chips, and jumps to it', async ({
  browser,
}) => {
  const [ana, ben] = await Promise.all([createPerson('Ana'), createPerson('Ben')]);
  await openDirect(ana, ben);
  const anaDevice = await signIn(browser, ana);
  const benDevice = await signIn(browser, ben);
  await openConversation(anaDevice.page, 'Ben');
  await send(anaDevice.page, 'The outage ticket is PLT-3699, details at api.example.com/v2');
  await send(anaDevice.page, 'Unrelated chatter');

  const page = benDevice.page;
  await expect(
    page
      .getByRole('link', { name: /Ana/ })
      .or(page.getByRole('button', { name: /Ana/ }))
      .first(),
  ).toBeVisible();
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search messages' });
  await expect(dialog).toBeVisible();

  await dialog.getByRole('searchbox').fill(`plt-3699 from:@${ana.username}`);
  await expect(dialog.getByRole('list', { name: 'Filters' })).toContainText(`from @${ana.username}`);
  // Indexing is asynchronous (a job per message): search until the result is there.
  await expect(async () => {
    await dialog.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(dialog.getByRole('list', { name: 'Results' }).locator('mark').first()).toHaveText(
      /PLT-3699/i,
      {
        timeout: 1_000,
      },
    );
  }).toPass({ timeout: 15_000 });

  await dialog.getByRole('searchbox').fill('before:2026-13-45');
  await expect(dialog.getByText(/needs a date/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Search', exact: true })).toBeDisabled();

  await dialog.getByRole('searchbox').fill('api.example.com/v2');
  await expect(async () => {
    const search = dialog.getByRole('button', { name: 'Search', exact: true });
    await search.click();
    // The previous query's results are still shown until this one answers: wait for it, so the
    // list is not replaced under the click below.
    await expect(search).toBeEnabled({ timeout: 1_000 });
    await expect(dialog.getByRole('button', { name: /Ana Lima|Ana/ }).first()).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 15_000 });
  await dialog.getByRole('list', { name: 'Results' }).getByRole('button').first().click();
  await expect(dialog).toBeHidden();
  await expect(messages(page).getByText('The outage ticket is PLT-3699')).toBeVisible();
});
