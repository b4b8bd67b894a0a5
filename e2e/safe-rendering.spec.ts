import { expect, test } from '@playwright/test';
import { createPerson, messages, openConversation, openDirect, send, signIn } from './support/people.js';

test('a message with HTML or a javascript: link renders inert and runs nothing', async ({ browser }) => {
  const [ana, ben] = await Promise.all([createPerson('Ana'), createPerson('Ben')]);
  await openDirect(ana, ben);
  const anaDevice = await signIn(browser, ana);
  const benDevice = await signIn(browser, ben);
  await openConversation(anaDevice.page, 'Ben');
  await openConversation(benDevice.page, 'Ana');

  await send(anaDevice.page, '<img src=x onerror=alert(1)>');
  await send(anaDevice.page, '[x](javascript:alert(1)) and [docs](https://example.com/docs)');

  for (const device of [anaDevice, benDevice]) {
    const list = messages(device.page);
    await expect(list.getByText('<img src=x onerror=alert(1)>')).toBeVisible();
    await expect(list.getByRole('link', { name: 'docs' })).toBeVisible();
    await expect(device.page.locator('img')).toHaveCount(0);
    await expect(device.page.locator('[onerror]')).toHaveCount(0);
    await expect(device.page.locator('a[href^="javascript:" i]')).toHaveCount(0);
    await expect(list.getByRole('link', { name: 'docs' })).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(list.getByRole('link', { name: 'docs' })).toHaveAttribute('target', '_blank');
    await list.getByText('x', { exact: true }).click();
    await device.page.waitForTimeout(300);
    expect(device.dialogs).toEqual([]);
  }
  expect(await benDevice.page.evaluate(() => window.location.href)).not.toContain('javascript');

  await Promise.all([anaDevice.context.close(), benDevice.context.close()]);
});
