import { conversationDatabaseName } from './conversation-storage';
import { outboxKey } from './outbox-storage';

/** On sign-out: nothing of the user's conversations stays in this browser. */
export function forgetDeviceData(userId: string): void {
  localStorage.removeItem(outboxKey(userId));
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(`confab.draft.${userId}.`)) localStorage.removeItem(key);
  }
  if (typeof indexedDB !== 'undefined') indexedDB.deleteDatabase(conversationDatabaseName(userId));
}
