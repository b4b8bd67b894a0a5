import type { ConversationState, Message, ReadState, ReadUpdated } from '../protocol/index.js';

export interface Unread {
  count: number;
  mentions: number;
}

export function mentionsUser(message: Message, userId: string): boolean {
  return message.mentions.all || message.mentions.userIds.includes(userId);
}

function countsAsUnread(message: Message, userId: string): boolean {
  return message.kind === 'user' && message.deletedAt === null && message.senderId !== userId;
}

/**
 * The server's counts as of `unread.asOfSeq`, plus what this device holds above that seq and
 * above the read cursor. Once the cursor has passed asOfSeq (my own message moved it), the
 * server's counts are out of date and everything up to the cursor is read.
 */
export function unreadCounts(state: ConversationState, messages: readonly Message[], userId: string): Unread {
  const { unread } = state;
  const readSeq = state.me.readSeq;
  const counted = readSeq >= unread.asOfSeq ? { count: 0, mentions: 0 } : { ...unread };
  const above = Math.max(unread.asOfSeq, readSeq);
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message === undefined || message.seq <= above) break;
    if (!countsAsUnread(message, userId)) continue;
    counted.count++;
    if (mentionsUser(message, userId)) counted.mentions++;
  }
  return { count: counted.count, mentions: counted.mentions };
}

/** My own new message: the server moves my read cursor past it in the same transaction. */
export function withOwnMessage(state: ConversationState, seq: number): ConversationState {
  if (seq <= state.me.readSeq) return state;
  return { ...state, me: { ...state.me, readSeq: seq } };
}

/** `read:updated`: my cursor (from any of my devices) or another member's receipt. */
export function withReadUpdate(
  state: ConversationState,
  update: ReadUpdated,
  userId: string,
): ConversationState {
  if (update.userId === userId) {
    return {
      ...state,
      me: { ...state.me, readSeq: update.readSeq, readEpoch: update.readEpoch ?? state.me.readEpoch },
      unread: update.unread ?? state.unread,
    };
  }
  const receipt = { userId: update.userId, readSeq: update.readSeq, deliveredSeq: update.deliveredSeq };
  const known = state.receipts.some((existing) => existing.userId === update.userId);
  const receipts = known
    ? state.receipts.map((existing) => (existing.userId === update.userId ? receipt : existing))
    : [...state.receipts, receipt];
  return { ...state, receipts };
}

/** The acknowledgement of `read:mark` / `read:markUnread`. */
export function withReadState(state: ConversationState, readState: ReadState): ConversationState {
  return {
    ...state,
    me: { ...state.me, readSeq: readState.readSeq, readEpoch: readState.readEpoch },
    unread: readState.unread,
  };
}

type CursorVersion = { readEpoch: number; readSeq: number };

/**
 * Which of two read cursors is the newer: the one with more marks-as-unread behind it, then the
 * further one. A cursor only moves back by a mark-as-unread, which starts a new epoch.
 */
export function isNewerOrSameCursor(a: CursorVersion, b: CursorVersion): boolean {
  return a.readEpoch !== b.readEpoch ? a.readEpoch > b.readEpoch : a.readSeq >= b.readSeq;
}

/**
 * A state read by a request (catch-up, settings, members) may have been taken before a
 * `read:updated` the device has already applied: an older cursor must not replace a newer one —
 * but a mark-as-unread made on another device while this one was away must.
 */
export function withNewerReadState(
  current: ConversationState,
  incoming: ConversationState,
): ConversationState {
  if (isNewerOrSameCursor(incoming.me, current.me)) return incoming;
  return {
    ...incoming,
    me: { ...incoming.me, readSeq: current.me.readSeq, readEpoch: current.me.readEpoch },
    unread: current.unread,
  };
}
