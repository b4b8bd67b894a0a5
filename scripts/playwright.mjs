#!/usr/bin/env node
// Runs Playwright with the workspace packages loaded from their TypeScript source (the "source"
// export condition), as Vitest, `npm start` and the web and desktop bundles do: the tests run the
// code that ships and nothing needs building first. `node scripts/playwright.mjs test -c …`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const nodeOptions = [process.env.NODE_OPTIONS, '--conditions=source'].filter(Boolean).join(' ');
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: nodeOptions, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
process.exit(run.status ?? 1);
