import { z } from 'zod';
import { ConversationState, Message, Presence, UnreadCounts } from './entities.js';
import { type Ack, ackSchema } from './errors.js';
import { Seq } from './primitives.js';
import { DeleteMessage, EditMessage, FetchHistory, React, SendMessage } from './requests/messages.js';
import { ReportActivity, SetStatus, SubscribePresence, Typing } from './requests/presence.js';
import { MarkDelivered, MarkRead, MarkUnread } from './requests/read-state.js';
import { FetchSync } from './requests/sync.js';

const Ok = z.object({});

export const ReadState = z.object({
  conversationId: z.string(),
  readSeq: Seq,
  /** See ConversationState.me.readEpoch. */
  readEpoch: z.number().int().nonnegative(),
  unread: UnreadCounts,
});
export type ReadState = z.infer<typeof ReadState>;

/**
 * `hasMore`: there is more in the direction asked (older for `beforeSeq`, the latest page and
 * `aroundSeq`; newer for `afterSeq`). `hasMoreAfter`: only for `aroundSeq`, there are newer ones.
 */
export const HistoryPage = z.object({
  messages: z.array(Message),
  hasMore: z.boolean(),
  hasMoreAfter: z.boolean().optional(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

/**
 * One page of catch-up. A conversation missing from a page whose `hasMore` is true did not fit:
 * keep what you hold for it and ask again with the new cursors.
 */
export const SyncPage = z.object({
  conversations: z.array(
    z.object({
      state: ConversationState,
      /** Changed messages in changeSeq order (or, when `reset`, the latest messages in seq order). */
      messages: z.array(Message),
      /** The cursor to keep for this conversation after applying `messages`. */
      changeSeq: Seq,
      /** The device had no usable cursor: drop what it holds and start from these messages. */
      reset: z.boolean(),
      hasMore: z.boolean(),
    }),
  ),
  /** Conversations the device had a cursor for but the user is no longer a member of. */
  removedConversationIds: z.array(z.string()),
  hasMore: z.boolean(),
});
export type SyncPage = z.infer<typeof SyncPage>;

/** Everything a client may emit: the request schema and the data its acknowledgement carries. */
export const clientToServer = {
  'message:send': { request: SendMessage, response: Message },
  'message:edit': { request: EditMessage, response: Message },
  'message:delete': { request: DeleteMessage, response: Message },
  'reaction:add': { request: React, response: Message },
  'reaction:remove': { request: React, response: Message },
  'history:fetch': { request: FetchHistory, response: HistoryPage },
  'sync:fetch': { request: FetchSync, response: SyncPage },
  'read:mark': { request: MarkRead, response: ReadState },
  'read:markUnread': { request: MarkUnread, response: ReadState },
  'delivered:mark': { request: MarkDelivered, response: Ok },
  'typing:start': { request: Typing, response: Ok },
  'typing:stop': { request: Typing, response: Ok },
  'presence:subscribe': { request: SubscribePresence, response: z.object({ presences: z.array(Presence) }) },
  'presence:activity': { request: ReportActivity, response: Ok },
  'presence:setStatus': { request: SetStatus, response: Ok },
} as const;

export type ClientEventName = keyof typeof clientToServer;
export type ClientRequest<E extends ClientEventName> = z.input<(typeof clientToServer)[E]['request']>;
export type ParsedClientRequest<E extends ClientEventName> = z.output<(typeof clientToServer)[E]['request']>;
export type ClientResponse<E extends ClientEventName> = z.infer<(typeof clientToServer)[E]['response']>;

/** Socket.IO's typed map: every client event takes its request and an acknowledgement callback. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (request: ClientRequest<E>, ack: (result: Ack<ClientResponse<E>>) => void) => void;
};

export function clientAckSchema<E extends ClientEventName>(event: E) {
  return ackSchema(clientToServer[event].response);
}
