import { expect, test } from '@playwright/test';
import { createGroup, createPerson, messages, openConversation, signIn } from './support/people.js';
import { seedMessages } from './support/seed.js';

const COUNT = 10_000;

test('ten thousand messages: older history loads on scroll in place, links reach the first, and the list stays light', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [ana, ben] = await Promise.all([createPerson('Ana'), createPerson('Ben')]);
  const conversationId = await createGroup(ana, 'Archive', [ben]);
  await seedMessages(conversationId, ben.id, COUNT);
  const { page, context } = await signIn(browser, ana);
  await openConversation(page, 'Archive');
  const list = messages(page);
  await expect(list.getByText(`Message number ${COUNT}`, { exact: true })).toBeVisible();

  // Scrolled to the top, the next page arrives above without moving what the reader looks at.
  const firstHeld = COUNT + 1 - 49; // the latest 50 messages come with the first sync
  const anchorSeq = firstHeld + 5;
  const { before, after } = await list.evaluate(
    async (element, { anchor, olderThan }) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const top = () => element.querySelector(`[data-seq="${anchor}"]`)?.getBoundingClientRect().top;
      const olderShown = () =>
        Array.from(element.querySelectorAll('article[data-seq]')).some(
          (article) => Number(article.getAttribute('data-seq')) < olderThan,
        );
      element.scrollTop = 0;
      let before: number | undefined;
      for (let i = 0; i < 600 && !olderShown(); i++) {
        before = top() ?? before;
        await frame();
      }
      for (let i = 0; i < 10; i++) await frame();
      return { before, after: top() };
    },
    { anchor: anchorSeq, olderThan: firstHeld },
  );
  expect(before).toBeDefined();
  expect(Math.abs((after ?? Number.NaN) - (before ?? Number.NaN))).toBeLessThan(40);

  // A link to the very first message loads every page down to it (all ten thousand are then held).
  const firstSeq = 2; // seq 1 is "Ana created this conversation"
  await page.goto(`/c/${conversationId}?m=${firstSeq}`);
  await expect(list.getByText('Message number 1', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(list.getByText('created this conversation')).toBeAttached();

  // Scrolling through all of it: only the rows on screen are in the DOM, and frames keep coming.
  const frames = await list.evaluate(async (element) => {
    const gaps: number[] = [];
    let last = performance.now();
    for (let step = 0; step < 80; step++) {
      element.scrollTop += element.scrollHeight / 80;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    return gaps.sort((a, b) => a - b);
  });
  const median = frames[Math.floor(frames.length / 2)] ?? Number.POSITIVE_INFINITY;
  console.log(
    `scrolling 10,000 messages: median frame ${median.toFixed(1)} ms, slowest ${frames.at(-1)?.toFixed(1)} ms`,
  );
  expect(median).toBeLessThan(150);
  expect(await list.locator('.message-row').count()).toBeLessThan(80);

  await page.getByRole('button', { name: 'Jump to latest ↓' }).click();
  await expect(list.getByText(`Message number ${COUNT}`, { exact: true })).toBeVisible();
  await context.close();
});
