import type { ConversationState, Message } from '@confab/shared';
import type { ConfabClient } from '@confab/shared/client';

export interface NewMessage {
  message: Message;
  conversation: ConversationState;
}

function mentions(message: Message, userId: string): boolean {
  return message.mentions.all || message.mentions.userIds.includes(userId);
}

/** Someone else's message, still there, in a conversation whose level asks for it. */
function worthNotifying(message: Message, state: ConversationState, userId: string): boolean {
  if (message.kind !== 'user' || message.senderId === userId || message.deletedAt !== null) return false;
  switch (state.me.notificationLevel) {
    case 'muted':
      return false;
    case 'mentions':
      return mentions(message, userId);
    case 'all':
      return true;
  }
}

export interface NewMessageWatcher {
  /**
   * Per conversation, the newest message worth a notification that arrived since the last call
   * (one per conversation: a notification replaces the one before). With `announce` false it
   * only takes note — for what the device loads and catches up on as the app starts.
   */
  collect(client: Pick<ConfabClient, 'conversations' | 'conversation'>, announce: boolean): NewMessage[];
}

export function createNewMessageWatcher(userId: string): NewMessageWatcher {
  /** conversation id → the highest seq already considered */
  const seen = new Map<string, number>();
  return {
    collect(client, announce) {
      const found: NewMessage[] = [];
      for (const state of client.conversations()) {
        const view = client.conversation(state.id);
        const newest = view?.messages.at(-1)?.seq ?? 0;
        const known = seen.get(state.id);
        if (known !== undefined && newest <= known) continue;
        seen.set(state.id, newest);
        if (!announce || view === undefined) continue;
        // A conversation new to the device (someone wrote to me first): its unread messages.
        const since = Math.max(known ?? state.me.readSeq, state.me.readSeq);
        const message = view.messages.findLast(
          (candidate) => candidate.seq > since && worthNotifying(candidate, state, userId),
        );
        if (message !== undefined) found.push({ message, conversation: state });
      }
      return found;
    },
  };
}

/** The badge: unread messages of every conversation that isn't muted (as the page title counts). */
export function unreadTotal(client: Pick<ConfabClient, 'conversations' | 'conversation'>): number {
  let total = 0;
  for (const state of client.conversations()) {
    if (state.me.notificationLevel === 'muted') continue;
    total += client.conversation(state.id)?.unread.count ?? 0;
  }
  return total;
}
