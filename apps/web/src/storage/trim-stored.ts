import type { StoredConversation } from '@confab/shared/client';

/** How many of a conversation's latest messages the browser keeps between visits. */
export const STORED_MESSAGES_MAX = 1_000;

/**
 * Keeps the latest messages and raises the bottom of the loaded range to match: history below it
 * is fetched again when scrolled to, and the sync cursor stays valid because changes below the
 * loaded range are never applied anyway.
 */
export function trimStored(conversation: StoredConversation, max = STORED_MESSAGES_MAX): StoredConversation {
  if (conversation.messages.length <= max) return conversation;
  const messages = conversation.messages.slice(-max);
  const lowSeq = Math.max(conversation.lowSeq, messages[0]?.seq ?? conversation.lowSeq);
  return { ...conversation, messages, lowSeq };
}
