import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './schemaEngine.js';

/** Loads the repository's `.env`, if there is one, for variables not already set (Prisma 7 doesn't). */
export function loadDotEnv(): void {
  const file = path.join(repoRoot, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}
