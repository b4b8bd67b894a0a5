import type { Message } from '@confab/shared';
import { createContext, useContext } from 'react';

/** What a person can do to a message; the conversation view carries them out. */
export interface MessageActions {
  reply(message: Message): void;
  edit(message: Message): void;
  remove(message: Message): void;
  toggleReaction(message: Message, emoji: string): void;
  copyLink(message: Message): void;
  markUnread(message: Message): void;
  retry(clientId: string): void;
  discard(clientId: string): void;
}

export const MessageActionsContext = createContext<MessageActions | null>(null);

export function useMessageActions(): MessageActions {
  const actions = useContext(MessageActionsContext);
  if (actions === null) throw new Error('useMessageActions outside a conversation');
  return actions;
}

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢'] as const;
