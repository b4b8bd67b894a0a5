import type { ConversationView } from '@confab/shared/client';
import { useEffect } from 'react';
import { useApp } from '../app/app-context';

/**
 * Moves the read cursor to the latest message while the person can see it: the tab is visible
 * and the list is scrolled to the bottom. Not after "mark as unread", until the view is reopened.
 */
export function useAutoMarkRead(view: ConversationView, looking: boolean, paused: boolean): void {
  const { client, push } = useApp();
  const conversationId = view.state.id;
  const latestSeq = view.messages.at(-1)?.seq ?? 0;
  const readSeq = view.state.me.readSeq;
  useEffect(() => {
    if (!looking || paused || latestSeq <= readSeq) return;
    const timer = setTimeout(() => {
      client
        .markRead(conversationId, latestSeq)
        .then(() => push.conversationRead(conversationId, latestSeq))
        .catch(() => {});
    }, 150);
    return () => clearTimeout(timer);
  }, [client, push, conversationId, looking, paused, latestSeq, readSeq]);
}
