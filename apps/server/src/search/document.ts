import { hasLink } from '@confab/shared';

/** The columns of a Message row that search needs. */
export interface IndexableMessage {
  id: string;
  conversationId: string;
  senderId: string;
  kind: 'user' | 'system';
  body: string;
  mentionedUserIds: string[];
  mentionsAll: boolean;
  changeSeq: number;
  createdAt: Date;
  deletedAt: Date | null;
}

export const indexableSelect = {
  id: true,
  conversationId: true,
  senderId: true,
  kind: true,
  body: true,
  mentionedUserIds: true,
  mentionsAll: true,
  changeSeq: true,
  createdAt: true,
  deletedAt: true,
} as const;

/** Only what people wrote and didn't delete is searchable; system messages are not. */
export function isSearchable(message: IndexableMessage): boolean {
  return message.kind === 'user' && message.deletedAt === null;
}

export function toSearchDocument(message: IndexableMessage) {
  return {
    id: message.id,
    conversationId: message.conversationId,
    senderId: message.senderId,
    createdAt: message.createdAt,
    body: message.body,
    hasLink: hasLink(message.body),
    // Messages have no attachments yet: has:file matches nothing until they do.
    hasFile: false,
    mentionedUserIds: message.mentionedUserIds,
    mentionsAll: message.mentionsAll,
    changeSeq: message.changeSeq,
  };
}
