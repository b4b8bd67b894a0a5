import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';

/** One JSON document on disk (servers, settings, window state). */
export interface JsonFile {
  /** undefined when the file is missing or not JSON. */
  read(): Promise<unknown>;
  write(value: unknown): Promise<void>;
}

/**
 * Writes go to a temporary file renamed over the old one, one at a time, so a crash mid-write
 * leaves the previous document rather than half of the new one.
 */
export function createJsonFile(file: string): JsonFile {
  let queue: Promise<void> = Promise.resolve();
  return {
    async read() {
      try {
        return JSON.parse(await readFile(file, 'utf8'));
      } catch {
        return undefined;
      }
    },
    write(value) {
      const run = async () => {
        await mkdir(path.dirname(file), { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
        await rename(temporary, file);
      };
      queue = queue.then(run, run);
      return queue;
    },
  };
}

export function createMemoryJsonFile(initial?: unknown): JsonFile & { value: unknown } {
  const file = {
    value: initial,
    read: async () => (file.value === undefined ? undefined : structuredClone(file.value)),
    write: async (value: unknown) => {
      file.value = structuredClone(value);
    },
  };
  return file;
}

/** The document if it matches the schema; otherwise the fallback (a damaged file must not stop the app). */
export async function readRecord<T>(file: JsonFile, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const parsed = schema.safeParse(await file.read());
  return parsed.success ? parsed.data : fallback;
}
