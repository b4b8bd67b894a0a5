import type { Message } from '@confab/shared';
import type { OutboxEntry } from '@confab/shared/client';

/**
 * One row of the message list. Keys survive a pending send turning into its message. The day
 * separator and the "new messages" divider belong to the message below them rather than being
 * rows of their own: the list keeps its place by the key of a row, and older history arriving must
 * not move a row that sits above it.
 */
export type ListItem =
  | { kind: 'start'; key: 'start' }
  | {
      kind: 'message';
      key: string;
      message: Message;
      grouped: boolean;
      /** "Today", "Yesterday" or the date, above the first message of each day. */
      day: string | null;
      /** "New messages" above this one. */
      divider: boolean;
    }
  | { kind: 'pending'; key: string; entry: OutboxEntry; grouped: boolean };

/** A run of messages from one person within this window shows their name once. */
const GROUP_WINDOW_MS = 5 * 60_000;

const dayOf = (iso: string) => new Date(iso).toDateString();
export const messageKey = (senderId: string, clientId: string) => `m:${senderId}:${clientId}`;

function dayLabel(iso: string, now: Date): string {
  const date = new Date(iso);
  const today = now.toDateString();
  const yesterday = new Date(now.getTime() - 86_400_000).toDateString();
  if (date.toDateString() === today) return 'Today';
  if (date.toDateString() === yesterday) return 'Yesterday';
  return date.toLocaleDateString(undefined, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  });
}

/** The first message from someone else above the read cursor: where "new messages" begins. */
export function firstUnreadSeq(messages: readonly Message[], readSeq: number, myId: string): number | null {
  for (const message of messages) {
    if (message.seq > readSeq && message.senderId !== myId && message.kind === 'user') return message.seq;
  }
  return null;
}

export function buildListItems(input: {
  messages: readonly Message[];
  pending: readonly OutboxEntry[];
  dividerSeq: number | null;
  atBeginning: boolean;
  myId: string;
  now?: Date;
}): ListItem[] {
  const now = input.now ?? new Date();
  const items: ListItem[] = [];
  if (input.atBeginning) items.push({ kind: 'start', key: 'start' });
  let previous: Message | undefined;
  for (const message of input.messages) {
    const newDay = previous === undefined || dayOf(previous.createdAt) !== dayOf(message.createdAt);
    const divider = message.seq === input.dividerSeq;
    const grouped =
      !newDay &&
      !divider &&
      previous !== undefined &&
      previous.kind === 'user' &&
      message.kind === 'user' &&
      previous.senderId === message.senderId &&
      Date.parse(message.createdAt) - Date.parse(previous.createdAt) < GROUP_WINDOW_MS;
    items.push({
      kind: 'message',
      key: messageKey(message.senderId, message.clientId),
      message,
      grouped,
      day: newDay ? dayLabel(message.createdAt, now) : null,
      divider,
    });
    previous = message;
  }
  let afterMine = previous?.kind === 'user' && previous.senderId === input.myId;
  for (const entry of input.pending) {
    items.push({ kind: 'pending', key: messageKey(input.myId, entry.clientId), entry, grouped: afterMine });
    afterMine = true;
  }
  return items;
}
