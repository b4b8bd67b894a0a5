import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../test-support/postgres.js';
import { WEB_APP_DIR } from '../transport/http/web-app.js';

/** `npm start`: embedded PostgreSQL, the system's redis-server, migrations and the server, in one command. */
const START = fileURLToPath(new URL('./start.ts', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'confab-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', START], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(started: Started, text: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (started.child.exitCode !== null) throw new Error(`exited early:\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the start command on embedded defaults', () => {
  it('comes up on a fresh data directory, serves the app, stops cleanly and keeps its data across a restart', async () => {
    const ports = {
      PORT: String(await freePort()),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      EMBEDDED_REDIS_PORT: String(await freePort()),
    };
    const url = `http://127.0.0.1:${ports.PORT}`;
    const first = start(ports);
    await waitFor(first, 'first run: create the admin account');
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    if (existsSync(path.join(WEB_APP_DIR, 'index.html'))) {
      const page = await fetch(`${url}/`);
      expect(page.headers.get('content-type')).toContain('text/html');
    }
    const setup = await fetch(`${url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', displayName: 'Admin', password: 'a long admin password' }),
    });
    expect(setup.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);

    const second = start(ports);
    await waitFor(second, 'Confab is running');
    expect(second.output()).toContain('database schema is up to date');
    expect(second.output()).not.toContain('first run');
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'a long admin password' }),
    });
    expect(login.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);

  it('refuses a wrong configuration value, naming the variable, before starting anything', async () => {
    const started = start({ PORT: 'eighty', DATA_DIR: path.join(dataDir, 'never') });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(/PORT: /);
    expect(existsSync(path.join(dataDir, 'never', 'postgres'))).toBe(false);
  });
});
