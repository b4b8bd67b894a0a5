import type { Tx } from '../platform/database/transaction.js';
import { notFound } from '../platform/errors.js';

/** Only existing, active accounts can be added to a conversation. */
export async function requireActiveUsers(tx: Tx, userIds: string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  const found = await tx.user.count({ where: { id: { in: unique }, deactivatedAt: null } });
  if (found !== unique.length) throw notFound('user');
}
