import { expect, type Page, test } from '@playwright/test';
import { DAVID, KEVIN } from './harness/people.js';
import type { BridgeCall, BridgeStubHandle } from './support/bridge-stub.js';
import { installBridgeStub } from './support/bridge-stub.js';
import { buildHarness, openHarness } from './support/harness-page.js';

// The web app in desktop mode, in Chromium, with the desktop bridge stubbed at its typed
// boundary: what the page asks of the desktop app is what reaches `window.confabDesktop`.

const GENERAL = '00000000-0000-4000-8000-0000000000c1';
const DIRECT = '00000000-0000-4000-8000-0000000000c2';
const RANDOM = '00000000-0000-4000-8000-0000000000c3';
const message = (n: number) => `00000000-0000-4000-8000-1000000000${String(n).padStart(2, '0')}`;

type Harness = {
  addConversation(input: { id: string; kind: string; name: string | null; level?: string }): void;
  receive(conversationId: string, input: { id: string; from: string; body: string }): void;
  markRead(conversationId: string): void;
  setPresence(status: string): void;
  statusRequests: string[];
};
type HarnessWindow = Window & { harness: Harness; bridgeStub: BridgeStubHandle };

let script: string;
test.beforeAll(async () => {
  script = await buildHarness();
});

async function callsTo(page: Page, method: BridgeCall['method']): Promise<unknown[][]> {
  return page.evaluate(
    (wanted) =>
      (window as unknown as HarnessWindow).bridgeStub.calls
        .filter((call) => call.method === wanted)
        .map((call) => call.args),
    method,
  );
}

async function lastUnreadCount(page: Page): Promise<unknown> {
  return (await callsTo(page, 'setUnreadCount')).at(-1)?.[0];
}

async function openDesktopHarness(page: Page) {
  await page.addInitScript(installBridgeStub);
  await openHarness(page, script);
  await expect(page.locator('#mode')).toHaveText('desktop');
  await page.evaluate(
    ({ GENERAL, DIRECT, RANDOM }) => {
      const { harness } = window as unknown as HarnessWindow;
      harness.addConversation({ id: GENERAL, kind: 'channel', name: 'general' });
      harness.addConversation({ id: DIRECT, kind: 'direct', name: null });
      harness.addConversation({ id: RANDOM, kind: 'channel', name: 'random', level: 'muted' });
    },
    { GENERAL, DIRECT, RANDOM },
  );
}

async function receive(
  page: Page,
  conversationId: string,
  input: { id: string; from: string; body: string },
) {
  await page.evaluate(
    ({ conversationId, input }) =>
      (window as unknown as HarnessWindow).harness.receive(conversationId, input),
    { conversationId, input },
  );
}

test('David’s message reaches the bridge as a notification with his name and words', async ({ page }) => {
  await openDesktopHarness(page);
  await receive(page, GENERAL, { id: message(1), from: DAVID, body: 'Lunch at noon?' });
  await receive(page, DIRECT, { id: message(2), from: DAVID, body: 'Are you coming?' });
  await expect
    .poll(() => callsTo(page, 'showNotification'))
    .toEqual([
      [
        {
          title: 'David in # general',
          body: 'Lunch at noon?',
          conversationId: GENERAL,
          messageId: message(1),
        },
      ],
      [{ title: 'David', body: 'Are you coming?', conversationId: DIRECT, messageId: message(2) }],
    ]);
});

test('Kevin’s own messages and a muted channel raise no notification', async ({ page }) => {
  await openDesktopHarness(page);
  await receive(page, GENERAL, { id: message(1), from: KEVIN, body: 'Anyone for lunch?' });
  await receive(page, RANDOM, { id: message(2), from: DAVID, body: 'cat pictures' });
  await receive(page, DIRECT, { id: message(3), from: DAVID, body: 'Yes!' });
  await expect.poll(() => callsTo(page, 'showNotification')).toHaveLength(1);
  expect((await callsTo(page, 'showNotification'))[0]?.[0]).toMatchObject({ body: 'Yes!' });
});

test('do not disturb silences notifications but not the badge', async ({ page }) => {
  await openDesktopHarness(page);
  await page.evaluate(() => (window as unknown as HarnessWindow).harness.setPresence('dnd'));
  await receive(page, DIRECT, { id: message(1), from: DAVID, body: 'psst' });
  await expect.poll(() => lastUnreadCount(page)).toBe(1);
  expect(await callsTo(page, 'showNotification')).toEqual([]);
});

test('the badge count follows the unread counts', async ({ page }) => {
  await openDesktopHarness(page);
  await expect.poll(() => lastUnreadCount(page)).toBe(0);

  await receive(page, GENERAL, { id: message(1), from: DAVID, body: 'one' });
  await receive(page, GENERAL, { id: message(2), from: DAVID, body: 'two' });
  await receive(page, DIRECT, { id: message(3), from: DAVID, body: 'three' });
  await expect.poll(() => lastUnreadCount(page)).toBe(3);

  await receive(page, RANDOM, { id: message(4), from: DAVID, body: 'muted' });
  await page.evaluate((id) => (window as unknown as HarnessWindow).harness.markRead(id), GENERAL);
  await expect.poll(() => lastUnreadCount(page)).toBe(1);

  await page.evaluate((id) => (window as unknown as HarnessWindow).harness.markRead(id), DIRECT);
  await expect.poll(() => lastUnreadCount(page)).toBe(0);
  // Only changes are sent: 0, 1, 2, 3, 1, 0.
  expect((await callsTo(page, 'setUnreadCount')).map(([count]) => count)).toEqual([0, 1, 2, 3, 1, 0]);
});

test('clicking a notification and following a deep link open their conversation', async ({ page }) => {
  await openDesktopHarness(page);
  await page.evaluate(
    ({ DIRECT, messageId }) =>
      (window as unknown as HarnessWindow).bridgeStub.emit('onNotificationClicked', {
        conversationId: DIRECT,
        messageId,
      }),
    { DIRECT, messageId: message(1) },
  );
  await page.evaluate(
    (GENERAL) =>
      (window as unknown as HarnessWindow).bridgeStub.emit('onDeepLink', {
        conversationId: GENERAL,
        messageSeq: 7,
      }),
    GENERAL,
  );
  await expect(page.locator('#opened li')).toHaveText([DIRECT, `${GENERAL}?m=7`]);
});

test('the tray shows Kevin’s status and sets the one he chooses there', async ({ page }) => {
  await openDesktopHarness(page);
  await page.evaluate(() => (window as unknown as HarnessWindow).harness.setPresence('away'));
  await expect.poll(async () => (await callsTo(page, 'setStatus')).at(-1)).toEqual(['away']);
  await page.evaluate(() => (window as unknown as HarnessWindow).bridgeStub.emit('onStatusChosen', 'dnd'));
  await expect
    .poll(() => page.evaluate(() => (window as unknown as HarnessWindow).harness.statusRequests))
    .toEqual(['dnd']);
});

test('in a browser, without the bridge, the page is not in desktop mode', async ({ page }) => {
  await openHarness(page, script);
  await expect(page.locator('#mode')).toHaveText('browser');
});
