import { useCallback, useState } from 'react';

export const draftKey = (userId: string, conversationId: string) =>
  `confab.draft.${userId}.${conversationId}`;

/** What was being written in a conversation, kept across switching conversations and reloads. */
export function useDraft(userId: string, conversationId: string): [string, (text: string) => void] {
  const key = draftKey(userId, conversationId);
  const [text, setText] = useState(() => localStorage.getItem(key) ?? '');
  const update = useCallback(
    (next: string) => {
      setText(next);
      if (next === '') localStorage.removeItem(key);
      else localStorage.setItem(key, next);
    },
    [key],
  );
  return [text, update];
}
