import { expect, test } from '@playwright/test';
import {
  bodies,
  createPerson,
  messages,
  openConversation,
  openDirect,
  send,
  signIn,
} from './support/people.js';

test('Ben writes two messages offline; back online, each arrives once and in order on Ana’s side', async ({
  browser,
}) => {
  const [ana, ben] = await Promise.all([createPerson('Ana'), createPerson('Ben')]);
  await openDirect(ana, ben);
  const anaDevice = await signIn(browser, ana);
  const benDevice = await signIn(browser, ben);
  await openConversation(anaDevice.page, 'Ben');
  await openConversation(benDevice.page, 'Ana');
  await send(benDevice.page, 'Before the tunnel');
  await expect(messages(anaDevice.page).getByText('Before the tunnel')).toBeVisible();

  await benDevice.context.setOffline(true);
  await expect(benDevice.page.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible();
  await send(benDevice.page, 'In the tunnel, one');
  await send(benDevice.page, 'In the tunnel, two');
  await expect(messages(benDevice.page).getByRole('img', { name: 'Sending' })).toHaveCount(2);
  await benDevice.page.screenshot({ path: 'test-results/screenshots/offline.png' });
  // Reading goes on while offline.
  await expect(messages(benDevice.page).getByText('Before the tunnel')).toBeVisible();
  await anaDevice.page.waitForTimeout(1_000);
  expect(await bodies(anaDevice.page)).toEqual(['Before the tunnel']);

  await benDevice.context.setOffline(false);
  await expect(messages(anaDevice.page).getByText('In the tunnel, two')).toBeVisible();
  await expect(messages(benDevice.page).getByRole('img', { name: 'Sending' })).toHaveCount(0);
  // Give a duplicate every chance to show up before counting.
  await anaDevice.page.waitForTimeout(1_500);
  expect(await bodies(anaDevice.page)).toEqual([
    'Before the tunnel',
    'In the tunnel, one',
    'In the tunnel, two',
  ]);
  expect(await bodies(benDevice.page)).toEqual([
    'Before the tunnel',
    'In the tunnel, one',
    'In the tunnel, two',
  ]);

  await Promise.all([anaDevice.context.close(), benDevice.context.close()]);
});
