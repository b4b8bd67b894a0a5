import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
export const HARNESS_ORIGIN = 'http://desktop-harness.test';

/** The harness page and the web app's desktop module it mounts, bundled from source. */
export async function buildHarness(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, '../harness/harness.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    conditions: ['source'],
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('the harness did not build');
  return output.text;
}

/** Serves the harness at HARNESS_ORIGIN (no server: Playwright answers the requests). */
export async function openHarness(page: Page, script: string): Promise<void> {
  await page.route(`${HARNESS_ORIGIN}/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname === '/harness.js') return route.fulfill({ body: script, contentType: 'text/javascript' });
    return route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html><head><title>harness</title></head><body><div id="root"></div><script src="/harness.js"></script></body></html>',
    });
  });
  await page.goto(`${HARNESS_ORIGIN}/`);
}
