import type { Database } from '../platform/database/prisma.js';
import type { Tx } from '../platform/database/transaction.js';
import { forbidden } from '../platform/errors.js';

/**
 * Every read and write of a conversation goes through here. Non-members get the same answer
 * whether or not the conversation exists, so ids reveal nothing.
 */
export async function requireMembership(db: Database | Tx, userId: string, conversationId: string) {
  const membership = await db.membership.findUnique({
    where: { conversationId_userId: { conversationId, userId } },
    include: { conversation: true },
  });
  if (!membership) throw forbidden('you are not a member of this conversation');
  return membership;
}

export type MembershipWithConversation = Awaited<ReturnType<typeof requireMembership>>;

export const canModerate = (role: string) => role === 'owner' || role === 'admin';
