import { expect, test } from '@playwright/test';
import {
  bodies,
  composer,
  createPerson,
  messages,
  openConversation,
  openDirect,
  send,
  signIn,
} from './support/people.js';

test('an edited message and a deleted one change on every device', async ({ browser }) => {
  const [ana, ben] = await Promise.all([createPerson('Ana'), createPerson('Ben')]);
  await openDirect(ana, ben);
  const anaLaptop = await signIn(browser, ana);
  const anaPhone = await signIn(browser, ana, { viewport: { width: 390, height: 800 } });
  const benDevice = await signIn(browser, ben);
  for (const device of [anaLaptop, anaPhone]) await openConversation(device.page, 'Ben');
  await openConversation(benDevice.page, 'Ana');

  await send(anaLaptop.page, 'Meeting at 3');
  await send(anaLaptop.page, 'Meeting at 4');
  for (const device of [anaPhone, benDevice]) {
    await expect(messages(device.page).getByText('Meeting at 4')).toBeVisible();
  }

  // Up on an empty composer edits the last own message.
  await composer(anaLaptop.page).press('ArrowUp');
  const editBox = anaLaptop.page.getByRole('textbox', { name: 'Edit message' });
  await expect(editBox).toHaveValue('Meeting at 4');
  await editBox.fill('Meeting at 4:30');
  await editBox.press('Enter');

  // Delete the first one through its menu.
  const first = messages(anaLaptop.page).getByRole('article').filter({ hasText: 'Meeting at 3' });
  await first.hover();
  await first.getByRole('button', { name: 'More actions' }).click();
  await first.getByRole('menuitem', { name: 'Delete' }).click();
  await anaLaptop.page
    .getByRole('dialog', { name: 'Delete message?' })
    .getByRole('button', { name: 'Delete' })
    .click();

  for (const device of [anaLaptop, anaPhone, benDevice]) {
    await expect(messages(device.page).getByText('Meeting at 4:30')).toBeVisible();
    await expect(messages(device.page).getByText('(edited)')).toBeVisible();
    await expect(messages(device.page).getByText('message deleted')).toBeVisible();
    await expect(messages(device.page).getByText('Meeting at 3')).toHaveCount(0);
    expect(await bodies(device.page)).toEqual(['Meeting at 4:30 (edited)']);
  }

  await Promise.all([anaLaptop, anaPhone, benDevice].map((device) => device.context.close()));
});
