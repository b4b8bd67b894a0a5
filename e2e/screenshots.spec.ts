import { expect, type Page, test } from '@playwright/test';
import { serverUrl } from './support/env.js';
import {
  conversationLink,
  createGroup,
  createPerson,
  messages,
  openConversation,
  openDirect,
  send,
  signIn,
} from './support/people.js';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: false });

test('screenshots of the main screens', async ({ browser }) => {
  const signInContext = await browser.newContext({ baseURL: serverUrl() });
  const signInPage = await signInContext.newPage();
  await signInPage.goto('/');
  await expect(signInPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await shot(signInPage, 'sign-in');
  await signInContext.close();

  const [ana, ben, cara] = await Promise.all([
    createPerson('Ana Lima'),
    createPerson('Ben Okafor'),
    createPerson('Cara Jones'),
  ]);
  await openDirect(ana, ben);
  await createGroup(ana, 'Design review', [ben, cara]);
  const anaDevice = await signIn(browser, ana);
  const benDevice = await signIn(browser, ben);

  await openConversation(benDevice.page, 'Ana Lima');
  await openConversation(anaDevice.page, 'Ben Okafor');
  await send(anaDevice.page, 'Morning! Did you see the **new mockups**?');
  await send(
    benDevice.page,
    'Yes — the `sidebar` looks much cleaner.\nOne question about the colours though.',
  );
  await send(anaDevice.page, 'Go ahead, see https://example.com/mockups');
  const list = messages(anaDevice.page);
  await expect(list.getByText('Go ahead')).toBeVisible();
  const reply = list.getByRole('article').filter({ hasText: 'sidebar' });
  await reply.hover();
  await reply.getByRole('button', { name: 'Add reaction' }).click();
  await reply.getByRole('menuitem', { name: 'React with 👍' }).click();
  await reply.getByRole('button', { name: 'Reply' }).click();
  await anaDevice.page.getByRole('textbox', { name: /^Message / }).fill('Sure, @');
  await expect(anaDevice.page.getByRole('listbox', { name: 'People to mention' })).toBeVisible();
  await anaDevice.page.getByRole('textbox', { name: /^Message / }).press('Enter');
  await anaDevice.page.getByRole('textbox', { name: /^Message / }).press('Enter');
  await expect(list.getByText('Sure, @ben')).toBeVisible();
  // Something unread elsewhere, with a mention, for the sidebar's badges.
  await openConversation(benDevice.page, 'Design review');
  await send(benDevice.page, `@${ana.username} could you look at the header spacing?`);
  await expect(conversationLink(anaDevice.page, 'Design review')).toContainText('1 mention');
  await openConversation(benDevice.page, 'Ana Lima');
  await benDevice.page.getByRole('textbox', { name: /^Message / }).pressSequentially('Typing');
  await expect(anaDevice.page.getByText('Ben Okafor is typing…')).toBeVisible();
  await anaDevice.page.mouse.move(0, 0);
  await shot(anaDevice.page, 'conversation');

  await anaDevice.page.getByRole('button', { name: /^Settings/ }).click();
  await expect(anaDevice.page.getByRole('heading', { name: 'Signed-in devices' })).toBeVisible();
  await expect(anaDevice.page.getByText('this device')).toBeVisible();
  await shot(anaDevice.page, 'settings');

  const narrow = await signIn(browser, ana, { viewport: { width: 360, height: 720 } });
  await shot(narrow.page, 'narrow-sidebar');
  await openConversation(narrow.page, 'Ben Okafor');
  await expect(messages(narrow.page).getByText('Go ahead')).toBeVisible();
  await shot(narrow.page, 'narrow-conversation');
  await narrow.page.getByRole('button', { name: 'Back to conversations' }).click();
  await narrow.page.getByRole('button', { name: /^Settings/ }).click();
  await expect(narrow.page.getByRole('heading', { name: 'Signed-in devices' })).toBeVisible();
  await shot(narrow.page, 'narrow-settings');

  await Promise.all([anaDevice, benDevice, narrow].map((device) => device.context.close()));
});
