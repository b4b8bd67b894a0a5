import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJsonFile, createMemoryJsonFile, readRecord } from './json-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'confab-desktop-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a JSON file', () => {
  it('reads back what was written, creating its folder', async () => {
    const file = createJsonFile(path.join(dir, 'nested', 'servers.json'));
    await file.write({ servers: [1, 2] });
    expect(await file.read()).toEqual({ servers: [1, 2] });
  });

  it('reads a missing or damaged file as undefined', async () => {
    expect(await createJsonFile(path.join(dir, 'missing.json')).read()).toBeUndefined();
    await writeFile(path.join(dir, 'broken.json'), '{"servers": [');
    expect(await createJsonFile(path.join(dir, 'broken.json')).read()).toBeUndefined();
  });

  it('keeps the last of several quick writes', async () => {
    const target = path.join(dir, 'state.json');
    const file = createJsonFile(target);
    await Promise.all([file.write({ n: 1 }), file.write({ n: 2 }), file.write({ n: 3 })]);
    expect(JSON.parse(await readFile(target, 'utf8'))).toEqual({ n: 3 });
  });
});

describe('a record read through a schema', () => {
  const Settings = z.object({ startAtLogin: z.boolean() });

  it('is the stored document when it matches', async () => {
    const file = createMemoryJsonFile({ startAtLogin: true });
    expect(await readRecord(file, Settings, { startAtLogin: false })).toEqual({ startAtLogin: true });
  });

  it('falls back when the document does not match', async () => {
    const file = createMemoryJsonFile({ startAtLogin: 'yes' });
    expect(await readRecord(file, Settings, { startAtLogin: false })).toEqual({ startAtLogin: false });
  });
});
