import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';

export interface RunningRedis {
  url: string;
  stop(): Promise<void>;
}

function redisServerPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** The system's redis-server, installed with apt-get when we are root and it is missing. */
function ensureRedisServer(log: (line: string) => void): string {
  const found = redisServerPath();
  if (found) return found;
  if (process.getuid?.() === 0) {
    log('redis-server is missing; installing it with apt-get (Debian package redis-server)…');
    execFileSync(
      'sh',
      ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server'],
      {
        stdio: 'inherit',
      },
    );
    const installed = redisServerPath();
    if (installed) return installed;
  }
  throw new Error(
    'redis-server was not found. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server) or set REDIS_URL.',
  );
}

/** A durable Redis (append-only file) with its data under `<dataDir>/redis`, on loopback only. */
export async function startRedisServer(
  dataDir: string,
  port: number,
  log: (line: string) => void,
): Promise<RunningRedis> {
  const binary = ensureRedisServer(log);
  const dir = path.join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn(
    binary,
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--save', ''],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`redis-server exited with code ${child.exitCode} (is port ${port} taken?)`);
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      probe.disconnect();
      if (Date.now() > deadline) throw new Error('redis-server did not start within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
