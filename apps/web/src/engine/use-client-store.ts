import type { ConversationState, Presence } from '@confab/shared';
import type { ConfabClient, ConnectionState, ConversationView } from '@confab/shared/client';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useApp } from '../app/app-context';

/** Reads from the sync engine and re-renders when what was read changes. */
function useClientValue<T>(read: (client: ConfabClient) => T): T {
  const { client } = useApp();
  const subscribe = useCallback((listener: () => void) => client.subscribe(listener), [client]);
  return useSyncExternalStore(subscribe, () => read(client));
}

/** Most recent activity first. */
export function useConversations(): readonly ConversationState[] {
  return useClientValue((client) => client.conversations());
}

export function useConversation(conversationId: string | null): ConversationView | undefined {
  return useClientValue((client) =>
    conversationId === null ? undefined : client.conversation(conversationId),
  );
}

export function useConnectionState(): ConnectionState {
  return useClientValue((client) => client.connectionState);
}

/** The presence of these people while the component shows them. */
export function usePresence(userId: string | null): Presence | undefined {
  const { client } = useApp();
  useEffect(() => {
    if (userId === null) return;
    client.subscribePresence([userId]);
    return () => client.unsubscribePresence([userId]);
  }, [client, userId]);
  return useClientValue((c) => (userId === null ? undefined : c.presence(userId)));
}
