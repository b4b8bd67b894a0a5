import type { ConversationKind, NotificationPreview } from '@confab/shared';

const EXCERPT_MAX_CHARS = 200;

export interface ContentInput {
  preview: NotificationPreview;
  conversation: { kind: ConversationKind; name: string | null };
  senderName: string;
  /** The newest message's text. */
  text: string;
  /** Unread messages the notification stands for. */
  count: number;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_MAX_CHARS ? flat : `${flat.slice(0, EXCERPT_MAX_CHARS - 1)}…`;
}

function conversationLabel(conversation: ContentInput['conversation']): string {
  const name = conversation.name ?? 'a group';
  return conversation.kind === 'channel' ? `#${name}` : name;
}

export const countLabel = (count: number) => (count === 1 ? 'New message' : `${count} new messages`);

/**
 * Title and body as the preview setting allows: `full` sender and text, `sender` the sender and
 * where, `none` nothing that says who or what (the app shows it when opened).
 */
export function notificationContent(input: ContentInput): { title: string; body: string } {
  if (input.preview === 'none') return { title: 'Confab', body: countLabel(input.count) };
  const title =
    input.conversation.kind === 'direct'
      ? input.senderName
      : `${input.senderName} in ${conversationLabel(input.conversation)}`;
  if (input.preview === 'sender') return { title, body: countLabel(input.count) };
  const text = excerpt(input.text);
  return { title, body: input.count === 1 ? text : `${countLabel(input.count)}\n${text}` };
}
