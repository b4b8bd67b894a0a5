import { defineConfig } from 'vitest/config';

// Workspace packages export `"source": "./src/index.ts"`, so tests run their TypeScript directly
// (no build first). Listing conditions replaces Vite's defaults, hence the defaults after 'source'.
const clientConditions = ['source', 'module', 'browser', 'development|production'];
const serverConditions = ['source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions: clientConditions },
  ssr: { resolve: { conditions: serverConditions } },
  test: {
    include: [
      'packages/**/src/**/*.test.ts',
      'apps/**/src/**/*.test.ts',
      'prisma/**/*.test.ts',
      'scripts/**/*.test.ts',
      '*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // One throwaway PostgreSQL server per run, with the migrated database `confab_template`;
    // each test file clones it (apps/server/src/test-support/database.ts).
    globalSetup: ['apps/server/src/test-support/globalSetup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
