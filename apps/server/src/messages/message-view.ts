import type { Message, ReactionGroup, SystemEvent } from '@confab/shared';
import type { Prisma } from '../generated/prisma/client.js';

/** What every message query loads so that it can be sent as a full snapshot. */
export const messageInclude = {
  reactions: { select: { emoji: true, userId: true }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.MessageInclude;

export type MessageRow = Prisma.MessageGetPayload<{ include: typeof messageInclude }>;

function groupReactions(reactions: MessageRow['reactions']): ReactionGroup[] {
  const groups = new Map<string, string[]>();
  for (const { emoji, userId } of reactions) {
    const userIds = groups.get(emoji) ?? [];
    userIds.push(userId);
    groups.set(emoji, userIds);
  }
  return [...groups].map(([emoji, userIds]) => ({ emoji, userIds }));
}

export function toWireMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    changeSeq: row.changeSeq,
    senderId: row.senderId,
    clientId: row.clientId,
    kind: row.kind,
    body: row.body,
    systemEvent: (row.systemEvent as SystemEvent | null) ?? null,
    replyTo: row.replyToId && row.replyToSeq !== null ? { id: row.replyToId, seq: row.replyToSeq } : null,
    mentions: { userIds: row.mentionedUserIds, all: row.mentionsAll },
    reactions: groupReactions(row.reactions),
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}
