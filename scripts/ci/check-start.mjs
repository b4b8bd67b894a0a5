#!/usr/bin/env node
// CI's check of the README's start command: `npm start` on the embedded defaults must come up with
// /readyz all true and the web app served, then stop cleanly (exit 0, nothing left running) on
// SIGTERM. Its output goes to test-results/start.log, printed when the check fails.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

const url = 'http://127.0.0.1:3000';
const logFile = 'test-results/start.log';
const deadline = (seconds) => Date.now() + seconds * 1000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

mkdirSync('test-results', { recursive: true });
const log = openSync(logFile, 'w');
const start = spawn('npm', ['start'], { stdio: ['ignore', log, log], detached: true });
let exitCode = null;
const exited = new Promise((resolve) =>
  start.once('exit', (code, signal) => {
    exitCode = code ?? signal;
    resolve(exitCode);
  }),
);

function fail(reason) {
  console.error(`npm start: ${reason}\n--- ${logFile} ---\n${readFileSync(logFile, 'utf8')}`);
  try {
    process.kill(-start.pid, 'SIGKILL');
  } catch {}
  process.exit(1);
}

async function get(path) {
  try {
    const response = await fetch(url + path);
    return { status: response.status, text: await response.text() };
  } catch {
    return null;
  }
}

const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => resolve(socket.destroy() ?? true));
    socket.once('error', () => resolve(false));
  });

const readyBy = deadline(300);
let ready = null;
while (Date.now() < readyBy && exitCode === null) {
  ready = await get('/readyz');
  if (ready?.status === 200) break;
  await sleep(500);
}
if (exitCode !== null) fail(`exited (${exitCode}) before it was ready`);
if (ready?.status !== 200) fail(`/readyz did not answer 200 within 300 s (last: ${JSON.stringify(ready)})`);
const checks = JSON.parse(ready.text).checks;
if (!Object.values(checks).every(Boolean)) fail(`/readyz: ${ready.text}`);
const page = await get('/');
if (page?.status !== 200 || !page.text.includes('<div id="root">')) fail('/ does not serve the web app');
console.log(`npm start: ready (${ready.text}), web app served`);

process.kill(start.pid, 'SIGTERM');
const stopped = await Promise.race([exited, sleep(60_000).then(() => 'timeout')]);
if (stopped !== 0) fail(`did not stop cleanly on SIGTERM (${stopped})`);
for (const [name, port] of [
  ['server', 3000],
  ['PostgreSQL', 5433],
  ['Redis', 6380],
]) {
  if (await portOpen(port)) fail(`the ${name} still listens on ${port} after the stop`);
}
console.log('npm start: stopped cleanly on SIGTERM');
