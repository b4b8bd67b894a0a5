import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { build } from 'esbuild';
import { type BridgeStubAnswers, type BridgeStubHandle, installBridgeStub } from './support/bridge-stub.js';

// The desktop app's own server list page (apps/desktop/static/servers.html) in Chromium, with
// the bridge stubbed: what the user does there becomes the right bridge calls.

const desktop = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/desktop');
const ORIGIN = 'http://servers-page.test';
const ACME = { id: '11111111-1111-4111-8111-111111111111', name: 'Acme', origin: 'https://chat.acme.test' };
const LOCAL = { id: '22222222-2222-4222-8222-222222222222', name: 'Local', origin: 'http://127.0.0.1:3000' };

let script: string;
test.beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(desktop, 'src/pages/servers-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    conditions: ['source'],
    logLevel: 'silent',
  });
  script = result.outputFiles[0]?.text ?? '';
});

async function openPage(page: Page, answers: BridgeStubAnswers, query = '') {
  await page.addInitScript(installBridgeStub, answers);
  await page.route(`${ORIGIN}/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    const files: Record<string, [string, string]> = {
      '/servers.html': ['text/html', readFileSync(path.join(desktop, 'static/servers.html'), 'utf8')],
      '/servers.css': ['text/css', readFileSync(path.join(desktop, 'static/servers.css'), 'utf8')],
      '/servers.js': ['text/javascript', script],
    };
    const file = files[pathname];
    return file ? route.fulfill({ contentType: file[0], body: file[1] }) : route.fulfill({ status: 404 });
  });
  await page.goto(`${ORIGIN}/servers.html${query}`);
}

const calls = (page: Page, method: string) =>
  page.evaluate(
    (wanted) =>
      (window as unknown as { bridgeStub: BridgeStubHandle }).bridgeStub.calls
        .filter((call) => call.method === wanted)
        .map((call) => call.args),
    method,
  );

test('the first start asks for an address, and shows why one is refused', async ({ page }) => {
  await openPage(page, {
    addServer: { ok: false, error: 'The address must start with https:// (or http://).' },
  });
  await expect(page.locator('#known-servers')).toBeHidden();
  await expect(page.locator('#server-url')).toBeFocused();
  await page.fill('#server-url', 'ftp://files.acme.test');
  await page.click('button[type=submit]');
  await expect(page.locator('#add-error')).toHaveText('The address must start with https:// (or http://).');
  expect(await calls(page, 'addServer')).toEqual([[{ url: 'ftp://files.acme.test' }]]);
  expect(await calls(page, 'switchServer')).toEqual([]);
});

test('an address the app accepts opens that server', async ({ page }) => {
  await openPage(page, { addServer: { ok: true, server: ACME, list: { servers: [ACME], activeId: null } } });
  await page.fill('#server-url', 'chat.acme.test');
  await page.press('#server-url', 'Enter');
  await expect.poll(() => calls(page, 'switchServer')).toEqual([[ACME.id]]);
});

test('the servers the app remembers can be opened', async ({ page }) => {
  await openPage(page, { servers: { servers: [ACME, LOCAL], activeId: ACME.id } });
  await expect(page.locator('#servers li')).toHaveCount(2);
  await expect(page.locator('#servers li').nth(1)).toContainText('http://127.0.0.1:3000');
  await page.locator('#servers li').nth(1).getByRole('button', { name: 'Open' }).click();
  await expect.poll(() => calls(page, 'switchServer')).toEqual([[LOCAL.id]]);
});

test('a link to an unknown server pre-fills its address', async ({ page }) => {
  await openPage(page, {}, `?add=${encodeURIComponent('https://other.test')}`);
  await expect(page.locator('#server-url')).toHaveValue('https://other.test');
  expect(await calls(page, 'addServer')).toEqual([]);
});
