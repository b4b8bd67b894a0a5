import type { Prisma } from '../../generated/prisma/client.js';
import type { Database } from './prisma.js';

export type Tx = Prisma.TransactionClient;

/** Interactive transaction with limits suited to short chat writes under contention. */
export function inTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 10_000, timeout: 15_000 });
}
