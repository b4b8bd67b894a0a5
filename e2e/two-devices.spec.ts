import { expect, test } from '@playwright/test';
import {
  conversationLink,
  createPerson,
  messages,
  openConversation,
  openDirect,
  send,
  signIn,
} from './support/people.js';

test('reading on one of Ana’s devices clears the unread badge on the other, without a reload', async ({
  browser,
}) => {
  const [ana, ben] = await Promise.all([createPerson('Ana'), createPerson('Ben')]);
  await openDirect(ben, ana);
  const laptop = await signIn(browser, ana);
  const desktop = await signIn(browser, ana);
  const benDevice = await signIn(browser, ben);

  await openConversation(benDevice.page, 'Ana');
  await send(benDevice.page, 'Are you there?');
  await send(benDevice.page, 'Ping');

  for (const device of [laptop, desktop]) {
    await expect(conversationLink(device.page, 'Ben').getByText('2 unread messages')).toBeVisible();
  }
  await expect(desktop.page).toHaveTitle('(2) Confab');

  await openConversation(laptop.page, 'Ben');
  await expect(messages(laptop.page).getByText('Ping')).toBeVisible();

  await expect(conversationLink(desktop.page, 'Ben').getByText(/unread/)).toHaveCount(0);
  await expect(desktop.page).toHaveTitle('Confab');

  await Promise.all([laptop, desktop, benDevice].map((device) => device.context.close()));
});
