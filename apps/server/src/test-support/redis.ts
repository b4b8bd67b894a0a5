import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { cleanupWhenProcessDies, freePort } from './postgres.js';

/**
 * A throwaway Redis server for tests, from Debian's `redis-server` package: 127.0.0.1 on a free
 * port, nothing persisted.
 */
export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function findRedisServer(): string {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/local/bin', '/usr/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  throw new Error('redis-server not found on PATH. Install it with: apt-get install -y redis-server');
}

/** Resolves true once the server answers PING with PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function startOnce(binary: string, port: number): Promise<RedisServer> {
  const child = spawn(
    binary,
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let spawnError: Error | undefined;
  child.on('error', (error) => {
    spawnError = error;
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const cancelWatchdog = child.pid ? cleanupWhenProcessDies(`kill -KILL ${child.pid} 2>/dev/null`) : () => {};

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    cancelWatchdog();
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 5000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5000);
    }
  };

  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (spawnError) break;
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (await ping(port)) {
      child.stdout?.removeListener('data', collect);
      child.stderr?.removeListener('data', collect);
      child.stdout?.resume();
      child.stderr?.resume();
      return { url: `redis://127.0.0.1:${port}`, port, stop };
    }
    await sleep(25);
  }
  await stop();
  throw new Error(
    `redis-server did not answer PING on 127.0.0.1:${port}: ${spawnError?.message ?? ''}\n${output.trim()}`,
  );
}

export async function startRedis(): Promise<RedisServer> {
  const binary = findRedisServer();
  let lastError: unknown;
  // The free port may be taken by someone else before redis-server binds it: retry on another.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(binary, await freePort());
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
