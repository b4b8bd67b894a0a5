import { useEffect } from 'react';
import { useApp } from '../app/app-context';
import { useConversations } from '../engine/use-client-store';

/** "(3) Confab": unread messages of every conversation that isn't muted. */
export function useTitleUnread(): void {
  const { client } = useApp();
  const conversations = useConversations();
  let total = 0;
  for (const state of conversations) {
    if (state.me.notificationLevel === 'muted') continue;
    total += client.conversation(state.id)?.unread.count ?? 0;
  }
  useEffect(() => {
    document.title = total > 0 ? `(${total}) Confab` : 'Confab';
  }, [total]);
  useEffect(
    () => () => {
      document.title = 'Confab'; // signed out
    },
    [],
  );
}
