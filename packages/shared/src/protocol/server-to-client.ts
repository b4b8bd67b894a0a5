import { z } from 'zod';
import { ConversationState, Message, Presence, UnreadCounts } from './entities.js';
import { Id, Seq } from './primitives.js';

export const ReadUpdated = z.object({
  conversationId: Id,
  userId: Id,
  readSeq: Seq,
  deliveredSeq: Seq,
  /** Only on the reader's own devices. */
  unread: UnreadCounts.optional(),
  /** Only on the reader's own devices; see ConversationState.me.readEpoch. */
  readEpoch: z.number().int().nonnegative().optional(),
});
export type ReadUpdated = z.infer<typeof ReadUpdated>;

export const TypingUpdate = z.object({ conversationId: Id, userId: Id, typing: z.boolean() });
export type TypingUpdate = z.infer<typeof TypingUpdate>;

/** Everything the server may emit to a client. */
export const serverToClient = {
  /** A new message, the sender's own included: the same event reconciles a pending send. */
  'message:new': Message,
  /** A message's new snapshot after an edit, delete or reaction. */
  'message:updated': Message,
  /** The user became a member (created, added, joined) — on all of their devices. */
  'conversation:joined': ConversationState,
  /** The user is no longer a member (left, removed). */
  'conversation:left': z.object({ conversationId: Id }),
  'read:updated': ReadUpdated,
  typing: TypingUpdate,
  /** Batched changes for users this connection subscribed to. */
  presence: z.object({ updates: z.array(Presence) }),
} as const;

export type ServerEventName = keyof typeof serverToClient;
export type ServerEvent<E extends ServerEventName> = z.infer<(typeof serverToClient)[E]>;

export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: ServerEvent<E>) => void;
};
