import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { applyPendingMigrations } from '../apps/server/src/platform/database/applyMigrations.js';
import { freePort, startPostgres } from '../apps/server/src/test-support/postgres.js';
import { type RedisServer, startRedis } from '../apps/server/src/test-support/redis.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
const MIGRATIONS = path.join(ROOT, 'prisma/migrations');

/**
 * PostgreSQL settings of the benchmark cluster. Durability is what is being measured, so fsync,
 * synchronous_commit and full_page_writes keep their defaults (on); only memory and connection
 * limits are raised from Debian's defaults.
 */
export const POSTGRES_SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  wal_sync_method: 'fdatasync',
  shared_buffers: '1GB',
  max_connections: '300',
  max_wal_size: '4GB',
  checkpoint_timeout: '15min',
  // For the log kept with the results: what could stall a commit (slow statements, checkpoints,
  // autovacuum, lock waits).
  log_min_duration_statement: '100ms',
  log_checkpoints: 'on',
  log_autovacuum_min_duration: '0',
  log_lock_waits: 'on',
  // …and the plan of any statement slower than that, with actual row counts (no per-node timing).
  session_preload_libraries: 'auto_explain',
  'auto_explain.log_min_duration': '100ms',
  'auto_explain.log_analyze': 'on',
  'auto_explain.log_timing': 'off',
  'auto_explain.log_nested_statements': 'on',
  // Statement statistics for the report (which queries the database time goes to); ~1 % overhead.
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'all',
  'pg_stat_statements.track_planning': 'on',
};

export interface BenchPostgres {
  url: string;
  logFile: string;
  version: string;
  postmasterPid(): Promise<number>;
  /** Stops the cluster and deletes it, keeping its log at `keepLogAs` if given. */
  stop(keepLogAs?: string): Promise<void>;
}

/** A throwaway cluster of Debian's PostgreSQL, as the tests start it but durable (fsync on). */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const cluster = await startPostgres({ settings: POSTGRES_SETTINGS, syncInit: true });
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE confab');
    const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!
      .server_version;
    await admin.end();
    const url = cluster.urlFor('confab');
    await applyPendingMigrations(url, MIGRATIONS);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await db.end();
    const pidFile = path.join(cluster.dataDir, 'postmaster.pid');
    return {
      url,
      logFile: cluster.logFile,
      version,
      postmasterPid: async () => Number((await readFile(pidFile, 'utf8')).split('\n')[0]),
      stop: (keepLogAs) => cluster.stop(keepLogAs).catch(() => {}),
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

export const startBenchRedis = (): Promise<RedisServer> => startRedis();

/** Runs a command with `ulimit -n` raised as far as allowed (root can raise the hard limit). */
export function spawnWithFileLimit(
  limit: number,
  argv: string[],
  options: { env: NodeJS.ProcessEnv; stdio?: 'pipe' | 'ignore'; ipc?: boolean },
): ChildProcess {
  const script = `ulimit -Hn ${limit} 2>/dev/null; ulimit -n ${limit} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`;
  const pipe = options.stdio ?? 'pipe';
  return spawn('/bin/sh', ['-c', script, 'sh', ...argv], {
    env: options.env,
    stdio: options.ipc ? [pipe, pipe, pipe, 'ipc'] : [pipe, pipe, pipe],
  });
}

export interface ServerHandle {
  url: string;
  port: number;
  pid: number;
  /** The last lines the process wrote (for error messages). */
  output(): string;
  /** SIGTERM and wait (the CPU profile, if any, is written on this exit). */
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no /healthz answer from ${url} within ${timeoutMs} ms:\n${output()}`);
}

function stopChild(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface ServerOptions {
  mode: 'dist' | 'tsx';
  env: Record<string, string>;
  fileLimit: number;
  cpuProfileDir?: string;
  /** More node flags, e.g. --heapsnapshot-signal=SIGUSR2 for a look at memory. */
  nodeFlags?: string[];
}

/** The Confab server as a separate process: `node apps/server/dist/main.js` (or main.ts through tsx). */
export async function startConfabProcess(options: ServerOptions): Promise<ServerHandle> {
  const port = await freePort();
  const node = [process.execPath];
  if (options.cpuProfileDir) node.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  node.push(...(options.nodeFlags ?? []));
  const entry =
    options.mode === 'dist'
      ? [path.join(ROOT, 'apps/server/dist/main.js')]
      : ['--conditions=source', '--import', 'tsx', path.join(ROOT, 'apps/server/src/main.ts')];
  const child = spawnWithFileLimit(options.fileLimit, [...node, ...entry], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...options.env,
    },
  });
  return wrap(child, port, 'confab server');
}

/** The bare Socket.IO relay (bench/bare-relay.ts) as a separate process. */
export async function startBareRelay(membersFile: string, fileLimit: number): Promise<ServerHandle> {
  const port = await freePort();
  const child = spawnWithFileLimit(
    fileLimit,
    [process.execPath, '--import', 'tsx', path.join(ROOT, 'bench/bare-relay.ts')],
    { env: { ...process.env, PORT: String(port), BENCH_MEMBERS_FILE: membersFile } },
  );
  return wrap(child, port, 'bare relay');
}

async function wrap(child: ChildProcess, port: number, what: string): Promise<ServerHandle> {
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  try {
    await waitForHealth(url, child, () => log, 60_000);
  } catch (error) {
    kill();
    throw new Error(`${what} did not start: ${(error as Error).message}`);
  }
  return {
    url,
    port,
    pid: child.pid!,
    output: () => log,
    async stop() {
      process.removeListener('exit', kill);
      await stopChild(child, 30_000);
    },
  };
}

/** Builds the shared package and the server (`tsc -b apps/server`): the production `dist/` output. */
export function buildServer(): void {
  execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-b', 'apps/server'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

export interface StatementStats {
  query: string;
  calls: number;
  /** Executing. */
  totalMs: number;
  meanMs: number;
  /** Planning (every execution plans again: Prisma sends unnamed statements). */
  planMs: number;
  meanPlanMs: number;
  rows: number;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const resetStatementStats = (url: string) =>
  withClient(url, (client) => client.query('SELECT pg_stat_statements_reset()').then(() => {}));

/** The statements the database spent most time on since the last reset (pg_stat_statements). */
export function topStatements(url: string, limit = 12): Promise<StatementStats[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<StatementStats>(
      `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls::int AS calls,
              round(total_exec_time::numeric, 1)::float AS "totalMs", round(mean_exec_time::numeric, 3)::float AS "meanMs",
              round(total_plan_time::numeric, 1)::float AS "planMs", round(mean_plan_time::numeric, 3)::float AS "meanPlanMs",
              rows::int AS rows
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND query !~* 'pg_stat_statements'
        ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`,
      [limit],
    );
    return rows;
  });
}
