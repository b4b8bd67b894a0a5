// Bundles the main process, the preload and the server list page into dist/app/, each one file
// with its dependencies inside: a sandboxed preload can't load modules, and the packaged app
// then needs no node_modules at all.
import { build } from 'esbuild';

const common = {
  bundle: true,
  sourcemap: true,
  // Workspace packages export `"source": "./src/index.ts"`: bundle their TypeScript directly.
  conditions: ['source'],
  external: ['electron'],
  legalComments: 'none',
  logLevel: 'info',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/main.ts'],
    outfile: 'dist/app/main.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
  }),
  build({
    ...common,
    entryPoints: ['src/preload.ts'],
    outfile: 'dist/app/preload.cjs',
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    // Loaded with every page.
    minify: true,
  }),
  build({
    ...common,
    entryPoints: ['src/pages/servers-page.ts'],
    outfile: 'dist/app/servers-page.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome140',
  }),
]);
