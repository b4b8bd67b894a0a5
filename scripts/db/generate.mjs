#!/usr/bin/env node
// `prisma generate`, offline. The Prisma 7 CLI wants its native schema engine before every
// command and downloads it if missing, which fails without internet; `generate` itself never uses
// it (the client generator is WebAssembly), so any existing file will do as
// PRISMA_SCHEMA_ENGINE_BINARY. Runs as the root package's postinstall and as `npm run db:generate`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));

let cli;
try {
  cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build/index.js');
} catch {
  // e.g. `npm ci --omit=dev`: nothing to generate with. Say so, but don't fail the install.
  console.warn('[db:generate] the prisma package is not installed; skipping prisma generate');
  process.exit(0);
}

const env = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const configured = env.PRISMA_SCHEMA_ENGINE_BINARY;
if (!configured || !existsSync(configured)) {
  const stubDir = path.join(root, 'node_modules/.cache/confab');
  const stub = path.join(stubDir, 'schema-engine-stub');
  if (!existsSync(stub)) {
    mkdirSync(stubDir, { recursive: true });
    writeFileSync(
      stub,
      '#!/bin/sh\necho "offline stub: the native Prisma schema engine is not available" >&2\nexit 1\n',
      {
        mode: 0o755,
      },
    );
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}

const result = spawnSync(process.execPath, [cli, 'generate', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
