import { defineConfig } from 'prisma/config';

// Prisma 7 reads no .env by itself; `generate` needs no database, so a placeholder URL is fine there.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/confab' },
});
