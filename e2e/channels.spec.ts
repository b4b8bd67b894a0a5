import { expect, test } from '@playwright/test';
import {
  conversationLink,
  createPerson,
  messages,
  openConversation,
  sidebar,
  signIn,
} from './support/people.js';

test('channels and members: browse and join, add and remove people, leave; Escape closes dialogs', async ({
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
  const channel = `random-${Date.now().toString(36)}`;

  // Ana opens a public channel.
  await anaDevice.page.getByRole('button', { name: 'New group' }).click();
  const create = anaDevice.page.getByRole('dialog', { name: 'New group' });
  await create.getByLabel('Public channel').check();
  await anaDevice.page.getByRole('dialog', { name: 'New channel' }).getByLabel('Name').fill(channel);
  await anaDevice.page
    .getByRole('dialog', { name: 'New channel' })
    .getByRole('button', { name: 'Create' })
    .click();
  await expect(anaDevice.page.getByRole('heading', { level: 1, name: `# ${channel}` })).toBeVisible();

  // Ben finds it and joins; Escape closes the dialog first time round.
  await benDevice.page.getByRole('button', { name: 'Channels' }).click();
  const browse = benDevice.page.getByRole('dialog', { name: 'Channels' });
  await expect(browse.getByRole('button', { name: `Join #${channel}` })).toBeVisible();
  await benDevice.page.keyboard.press('Escape');
  await expect(browse).toBeHidden();
  await benDevice.page.getByRole('button', { name: 'Channels' }).click();
  await browse.getByRole('button', { name: `Join #${channel}` }).click();
  await expect(benDevice.page.getByRole('heading', { level: 1, name: `# ${channel}` })).toBeVisible();
  await expect(messages(anaDevice.page).getByText('Ben joined')).toBeVisible();

  // Ana adds Cara, who sees the channel appear; then removes Ben.
  await anaDevice.page.getByRole('button', { name: 'Members' }).click();
  const members = anaDevice.page.getByRole('dialog', { name: `Members of ${channel}` });
  await members.getByRole('button', { name: 'Add people' }).click();
  await members.getByLabel('Find people').fill(cara.username);
  await members.getByRole('button', { name: /Cara/ }).click();
  await expect(conversationLink(caraDevice.page, channel)).toBeVisible();
  await expect(members.getByText('Cara', { exact: true })).toBeVisible();
  await members.getByRole('button', { name: 'Remove Ben' }).click();
  await expect(conversationLink(benDevice.page, channel)).toHaveCount(0);
  await anaDevice.page.keyboard.press('Escape');
  await expect(members).toBeHidden();
  await expect(messages(anaDevice.page).getByText('Ana added Cara')).toBeVisible();
  await expect(messages(anaDevice.page).getByText('Ana removed Ben')).toBeVisible();

  // Cara leaves.
  await openConversation(caraDevice.page, channel);
  await caraDevice.page.getByRole('button', { name: 'Members' }).click();
  await caraDevice.page.getByRole('button', { name: 'Leave channel' }).click();
  await expect(sidebar(caraDevice.page).getByRole('link', { name: new RegExp(channel) })).toHaveCount(0);
  await expect(messages(anaDevice.page).getByText('Cara left')).toBeVisible();

  await Promise.all([anaDevice, benDevice, caraDevice].map((device) => device.context.close()));
});
