import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client.js';
import { statementNames } from './statement-names.js';

export type Database = PrismaClient;
export type { Prisma } from '../../generated/prisma/client.js';

export function createDatabase(databaseUrl: string, poolSize = 10): Database {
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, max: poolSize },
    { statementNameGenerator: statementNames() },
  );
  return new PrismaClient({ adapter });
}
