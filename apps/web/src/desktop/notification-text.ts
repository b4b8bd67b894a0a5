import type { ConversationState, Message } from '@confab/shared';
import { DESKTOP_LIMITS, type NotificationRequest } from '@confab/shared/desktop';

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** "Bob" for a direct message, "Bob in # general" or "Bob in Lunch crew" otherwise; the message as body. */
export function notificationFor(
  message: Message,
  conversation: ConversationState,
  senderName: string,
): NotificationRequest {
  const sender = senderName.trim() || 'Someone';
  const place =
    conversation.kind === 'direct'
      ? null
      : conversation.kind === 'channel'
        ? `# ${conversation.name ?? 'channel'}`
        : (conversation.name ?? 'a group');
  return {
    title: shorten(
      place === null ? sender : `${sender} in ${place}`,
      DESKTOP_LIMITS.notificationTitleMaxChars,
    ),
    body: shorten(message.body, 300),
    conversationId: conversation.id,
    messageId: message.id,
  };
}
