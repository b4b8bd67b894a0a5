import { type ConfabClient, createConfabClient } from '@confab/shared/client';
import type { SessionManager } from '../session/session-manager';
import type { BrowserConversationStorage } from '../storage/conversation-storage';
import { createLocalOutboxStorage } from '../storage/outbox-storage';

/** The sync engine for the signed-in user, on this origin, with the browser's storage. */
export function createClient(
  session: SessionManager,
  userId: string,
  conversations: BrowserConversationStorage,
): ConfabClient {
  return createConfabClient({
    url: window.location.origin,
    userId,
    getAccessToken: (request) => session.getAccessToken(request),
    storage: {
      outbox: createLocalOutboxStorage(userId),
      conversations,
    },
    onError: (report) => {
      if (import.meta.env.DEV) console.warn('[confab]', report);
    },
  });
}
