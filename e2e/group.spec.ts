import { expect, test } from '@playwright/test';
import {
  conversationLink,
  createPerson,
  messages,
  openConversation,
  send,
  signIn,
} from './support/people.js';

test('a group of three: "seen by" counts who has read, and mark as unread brings the badge back', async ({
  browser,
}) => {
  const [ana, ben, cara] = await Promise.all([
    createPerson('Ana'),
    createPerson('Ben'),
    createPerson('Cara'),
  ]);
  const anaDevice = await signIn(browser, ana);
  const benDevice = await signIn(browser, ben);
  const caraDevice = await signIn(browser, cara);

  // Ana creates the group from the UI.
  await anaDevice.page.getByRole('button', { name: 'New group' }).click();
  const dialog = anaDevice.page.getByRole('dialog', { name: 'New group' });
  await dialog.getByLabel('Name').fill('Trip planning');
  for (const person of [ben, cara]) {
    await dialog.getByLabel('Find people').fill(person.username);
    await dialog.getByRole('button', { name: new RegExp(person.displayName) }).click();
  }
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(anaDevice.page.getByRole('heading', { level: 1, name: 'Trip planning' })).toBeVisible();
  await expect(anaDevice.page.getByText('3 members')).toBeVisible();

  await send(anaDevice.page, 'Train or plane?');
  const anaMessages = messages(anaDevice.page);
  await expect(anaMessages.getByText('Train or plane?')).toBeVisible();
  await expect(anaMessages.getByText(/Seen by/)).toHaveCount(0);

  await openConversation(benDevice.page, 'Trip planning');
  await expect(anaMessages.getByText('Seen by 1')).toBeVisible();
  await openConversation(caraDevice.page, 'Trip planning');
  await expect(anaMessages.getByText('Seen by 2')).toBeVisible();

  // Ben marks Ana's message as unread: his badge and the divider come back.
  await expect(conversationLink(benDevice.page, 'Trip planning').getByText(/unread/)).toHaveCount(0);
  const message = messages(benDevice.page).getByRole('article').filter({ hasText: 'Train or plane?' });
  await message.hover();
  await message.getByRole('button', { name: 'More actions' }).click();
  await message.getByRole('menuitem', { name: 'Mark as unread' }).click();
  await expect(conversationLink(benDevice.page, 'Trip planning').getByText('1 unread message')).toBeVisible();
  await expect(messages(benDevice.page).getByRole('separator', { name: 'New messages' })).toBeVisible();
  // It stays unread while he looks at it.
  await benDevice.page.waitForTimeout(1_000);
  await expect(conversationLink(benDevice.page, 'Trip planning').getByText('1 unread message')).toBeVisible();
  await expect(anaMessages.getByText('Seen by 1')).toBeVisible();

  await Promise.all([anaDevice, benDevice, caraDevice].map((device) => device.context.close()));
});
