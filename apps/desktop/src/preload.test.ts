import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESKTOP_BRIDGE_METHODS } from '@confab/shared/desktop';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// A sandboxed preload cannot load modules: it runs as one script that may require `electron`
// (and a few Node built-ins) only. This bundles preload.ts as scripts/bundle.mjs does and runs it
// with nothing else to require.

const here = path.dirname(fileURLToPath(import.meta.url));

async function bundlePreload(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, 'preload.ts')],
    bundle: true,
    write: false,
    conditions: ['source'],
    external: ['electron'],
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('no bundle');
  return output.text;
}

describe('the preload bundle', () => {
  it('needs nothing but electron, and exposes exactly the bridge as confabDesktop', async () => {
    const code = await bundlePreload();
    const required: string[] = [];
    const exposed = new Map<string, unknown>();
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
      ipcRenderer: { send() {}, invoke: async () => undefined, on() {} },
    };
    const require = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(require, module, module.exports);

    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['confabDesktop']);
    expect(Object.keys(exposed.get('confabDesktop') as object).sort()).toEqual(
      [...DESKTOP_BRIDGE_METHODS, 'version'].sort(),
    );
  });
});
