#!/usr/bin/env node
// Before `npm start`: the server serves the web app from apps/web/dist, so build it once if it
// isn't there (`npm run build` rebuilds it on purpose).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('apps/web/dist/index.html')) {
  console.log('building the web app (apps/web/dist)…');
  const build = spawnSync('npm', ['run', 'build', '-w', '@confab/web'], { stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
