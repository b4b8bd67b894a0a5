import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for tests, from Debian's `postgresql` package: a fresh data
 * directory in a temp dir, trust authentication, listening on 127.0.0.1 on a free port only (its
 * socket in the temp dir too), fsync off. As root, initdb and pg_ctl run as the `postgres` user.
 */
export interface PostgresCluster {
  host: string;
  port: number;
  /** Superuser, no password (trust authentication). */
  user: string;
  /** URL of the `postgres` maintenance database. */
  url: string;
  /** URL of another database on this server. */
  urlFor(database: string): string;
  dataDir: string;
  /** The server's log (kept only until stop, unless stop is given somewhere to copy it). */
  logFile: string;
  stop(keepLogAs?: string): Promise<void>;
}

/** Test settings: nothing is worth an fsync in a cluster thrown away after the run. */
const TEST_SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
};

export interface PostgresOptions {
  /** Server settings (`-c name=value`) instead of the test settings; listen_addresses is always 127.0.0.1. */
  settings?: Record<string, string>;
  /** Let initdb sync its files (a durability benchmark); tests skip it. */
  syncInit?: boolean;
}

const PG_ROOT = '/usr/lib/postgresql';

/** The bin dir of the newest installed server (override with CONFAB_PG_BIN). */
export function findPostgresBinDir(): string {
  const override = process.env.CONFAB_PG_BIN;
  const candidates = override
    ? [override]
    : existsSync(PG_ROOT)
      ? readdirSync(PG_ROOT)
          .filter((version) => /^\d+$/.test(version))
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => path.join(PG_ROOT, version, 'bin'))
      : [];
  const found = candidates.find(
    (dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')),
  );
  if (!found) {
    throw new Error(
      `PostgreSQL server binaries (initdb, pg_ctl) not found in ${override ?? `${PG_ROOT}/<version>/bin`}. ` +
        'Install them with: apt-get install -y postgresql',
    );
  }
  return found;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not get a free port'));
      });
    });
  });
}

function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

const runningAsRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the `postgres` user when we are root (the server refuses root). */
async function runPg(binary: string, args: string[]): Promise<void> {
  try {
    if (runningAsRoot) {
      const command = [binary, ...args].map(shellQuote).join(' ');
      await run('su', ['postgres', '-s', '/bin/sh', '-c', command]);
    } else {
      await run(binary, args);
    }
  } catch (error) {
    const { stderr, stdout, message } = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path.basename(binary)} failed: ${stderr || stdout || message}`, { cause: error });
  }
}

/** Stops a server at once, synchronously (for process exit): SIGQUIT to the postmaster. */
function killNow(dataDir: string, tempDir: string): void {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    // not running
  }
  rmSync(tempDir, { recursive: true, force: true });
}

/**
 * Runs `cleanup` (a shell command) once this process is gone, however it ended, even by SIGKILL
 * (a killed test run must not leave servers behind). Returns a function that cancels it.
 */
export function cleanupWhenProcessDies(cleanup: string): () => void {
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${cleanup}`;
  const watchdog = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.on('error', () => {});
  watchdog.unref();
  return () => {
    try {
      if (watchdog.pid) process.kill(-watchdog.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresCluster> {
  const settings = { ...(options.settings ?? TEST_SETTINGS), listen_addresses: '127.0.0.1' };
  const bin = findPostgresBinDir();
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'confab-pg-'));
  const dataDir = path.join(tempDir, 'data');
  const logFile = path.join(tempDir, 'postgres.log');
  const onExit = () => killNow(dataDir, tempDir);
  process.once('exit', onExit);

  try {
    if (runningAsRoot) execFileSync('chown', ['postgres:', tempDir]);
    await runPg(path.join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      ...(options.syncInit ? [] : ['--no-sync']),
    ]);

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const serverOptions = [
        `-p ${port}`,
        `-k "${tempDir}"`,
        ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
      ].join(' ');
      try {
        await runPg(path.join(bin, 'pg_ctl'), [
          '-D',
          dataDir,
          '-l',
          logFile,
          '-o',
          serverOptions,
          '-w',
          '-t',
          '60',
          'start',
        ]);
        break;
      } catch (error) {
        // Another process may have taken the port in between; try another one.
        const log = await readFile(logFile, 'utf8').catch(() => '');
        if (attempt >= 3 || !/could not (bind|create listen)/i.test(log)) {
          throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log.slice(-2000)}`, {
            cause: error,
          });
        }
      }
    }

    const pidFile = shellQuote(path.join(dataDir, 'postmaster.pid'));
    const cancelWatchdog = cleanupWhenProcessDies(
      `kill -QUIT "$(head -n 1 ${pidFile} 2>/dev/null)" 2>/dev/null; sleep 1; rm -rf ${shellQuote(tempDir)}`,
    );
    const host = '127.0.0.1';
    const user = 'postgres';
    const urlFor = (database: string) =>
      `postgresql://${user}@${host}:${port}/${encodeURIComponent(database)}`;
    let stopped = false;
    return {
      host,
      port,
      user,
      url: urlFor('postgres'),
      urlFor,
      dataDir,
      logFile,
      async stop(keepLogAs) {
        if (stopped) return;
        stopped = true;
        process.removeListener('exit', onExit);
        cancelWatchdog();
        try {
          await runPg(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
          if (keepLogAs) await copyFile(logFile, keepLogAs);
        } finally {
          killNow(dataDir, tempDir);
        }
      },
    };
  } catch (error) {
    process.removeListener('exit', onExit);
    killNow(dataDir, tempDir);
    throw error;
  }
}
