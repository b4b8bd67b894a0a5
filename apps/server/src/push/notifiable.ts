import type { NotificationLevel } from '@confab/shared';
import type { Prisma } from '../platform/database/prisma.js';

/** Messages of a conversation that may notify the user: from others, not system, not deleted. */
export const fromOthers = (conversationId: string, userId: string) =>
  ({
    conversationId,
    kind: 'user',
    deletedAt: null,
    senderId: { not: userId },
  }) satisfies Prisma.MessageWhereInput;

/** …and, for a mentions-only membership, only those that mention the user or everyone. */
export function notifiable(
  conversationId: string,
  userId: string,
  level: NotificationLevel,
): Prisma.MessageWhereInput {
  const base = fromOthers(conversationId, userId);
  return level === 'mentions'
    ? { ...base, OR: [{ mentionedUserIds: { has: userId } }, { mentionsAll: true }] }
    : base;
}
