import { expect, test } from '@playwright/test';
import {
  bodies,
  composer,
  conversationLink,
  createPerson,
  messages,
  openConversation,
  send,
  signIn,
} from './support/people.js';

test('Ana and Ben exchange messages live both ways, and Ben sees Ana typing, then stop', async ({
  browser,
}) => {
  const [ana, ben] = await Promise.all([createPerson('Ana'), createPerson('Ben')]);
  const anaDevice = await signIn(browser, ana);
  const benDevice = await signIn(browser, ben);
  const anaPage = anaDevice.page;
  const benPage = benDevice.page;

  // Ana starts the conversation from the UI.
  await anaPage.getByRole('button', { name: 'New message' }).click();
  const picker = anaPage.getByRole('dialog', { name: 'New message' });
  await picker.getByLabel('Find people').fill(ben.username);
  await picker.getByRole('button', { name: new RegExp(ben.displayName) }).click();
  await expect(anaPage.getByRole('heading', { level: 1, name: 'Ben' })).toBeVisible();

  await send(anaPage, 'Hi Ben, **lunch** today?');
  await expect(conversationLink(benPage, 'Ana')).toContainText('1');
  await openConversation(benPage, 'Ana');
  await expect(messages(benPage).getByText('lunch')).toBeVisible();
  await expect(messages(benPage).locator('strong', { hasText: 'lunch' })).toBeVisible();

  await send(benPage, 'Sure, at noon');
  await expect(messages(anaPage).getByText('Sure, at noon')).toBeVisible();
  expect(await bodies(anaPage)).toEqual(['Hi Ben, lunch today?', 'Sure, at noon']);
  // Ben has read Ana's message: her receipt says so.
  await expect(messages(anaPage).getByRole('img', { name: 'Read' })).toBeVisible();

  // Ana types: Ben sees it; she clears the box: it goes.
  await composer(anaPage).pressSequentially('Let me che');
  await expect(benPage.getByText('Ana is typing…')).toBeVisible();
  await composer(anaPage).fill('');
  await expect(benPage.getByText('Ana is typing…')).toBeHidden();

  expect(anaDevice.dialogs).toEqual([]);
  await Promise.all([anaDevice.context.close(), benDevice.context.close()]);
});
