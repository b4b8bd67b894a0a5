#!/usr/bin/env node
// Runs every test suite — Vitest, then the Playwright end-to-end suite in Chromium — and ends with
// one line "Tests: N passed, N failed, N skipped" over all of them.
// `node scripts/test.mjs <vitest filters>` runs only the matching Vitest tests (no e2e);
// CONFAB_SKIP_E2E=1 leaves the e2e suite out.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function readReport(file, name) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    failed += 1;
    console.error(`${name} wrote no report`);
    return null;
  }
}

rmSync('test-results/vitest.json', { force: true });
const vitest = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=test-results/vitest.json',
    ...extra,
  ],
  { stdio: 'inherit' },
);
const vitestReport = readReport('test-results/vitest.json', 'vitest');
if (vitestReport) {
  passed += vitestReport.numPassedTests;
  failed += vitestReport.numFailedTests;
  skipped += vitestReport.numPendingTests + vitestReport.numTodoTests;
}
let ok = vitest.status === 0;

if (extra.length === 0 && process.env.CONFAB_SKIP_E2E !== '1') {
  // The suite's global setup builds the web app, starts PostgreSQL, Redis and the server.
  const report = 'test-results/playwright.json';
  rmSync(report, { force: true });
  const playwright = spawnSync(
    process.execPath,
    ['scripts/playwright.mjs', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'],
    { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: report } },
  );
  const e2e = readReport(report, 'playwright');
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    skipped += e2e.stats.skipped;
    // A failing global setup runs no test at all but must still fail the run.
    if (e2e.errors?.length > 0) failed += e2e.errors.length;
  }
  ok = ok && playwright.status === 0;
}

console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok && failed === 0 ? 0 : 1);
