import type { ClientEventName, ClientResponse, ParsedClientRequest } from '@confab/shared';
import type { Actor, ServerContext } from '../../context.js';
import { deleteMessage } from '../../messages/delete.js';
import { editMessage } from '../../messages/edit.js';
import { fetchHistory } from '../../messages/history.js';
import { addReaction, removeReaction } from '../../messages/reactions.js';
import { sendMessage } from '../../messages/send.js';
import type { PresenceService } from '../../presence/presence-service.js';
import { relayTyping } from '../../presence/typing.js';
import { requirePresenceVisible } from '../../presence/visibility.js';
import { markDelivered, markRead, markUnread } from '../../read-state/read-cursor.js';
import { catchUp } from '../../sync/catch-up.js';

export interface HandlerCall<E extends ClientEventName> {
  ctx: ServerContext;
  presence: PresenceService;
  actor: Actor;
  socketId: string;
  /** When the event arrived: a message's `createdAt`, and where delivery latency starts. */
  receivedAt: Date;
  request: ParsedClientRequest<E>;
  /** Acknowledge before the handler finishes (a send is acked before its fan-out). */
  respond: (data: ClientResponse<E>) => void;
}

type Handlers = { [E in ClientEventName]: (call: HandlerCall<E>) => Promise<ClientResponse<E>> };

/** Every client event and the domain operation it calls; requests arrive already validated. */
export const handlers: Handlers = {
  'message:send': ({ ctx, actor, request, respond, receivedAt }) =>
    sendMessage(ctx, actor, request, respond, receivedAt),
  'message:edit': ({ ctx, actor, request }) => editMessage(ctx, actor, request),
  'message:delete': ({ ctx, actor, request }) => deleteMessage(ctx, actor, request),
  'reaction:add': ({ ctx, actor, request }) => addReaction(ctx, actor, request),
  'reaction:remove': ({ ctx, actor, request }) => removeReaction(ctx, actor, request),
  'history:fetch': ({ ctx, actor, request }) => fetchHistory(ctx, actor, request),
  'sync:fetch': async ({ ctx, actor, request }) => {
    const timer = ctx.metrics.syncDuration.startTimer();
    try {
      return await catchUp(ctx, actor, request);
    } finally {
      timer();
    }
  },
  'read:mark': ({ ctx, actor, request }) => markRead(ctx, actor, request),
  'read:markUnread': ({ ctx, actor, request }) => markUnread(ctx, actor, request),
  'delivered:mark': async ({ ctx, actor, request }) => {
    await markDelivered(ctx, actor, request);
    return {};
  },
  'typing:start': async ({ ctx, actor, request }) => {
    await relayTyping(ctx, actor, request.conversationId, true);
    return {};
  },
  'typing:stop': async ({ ctx, actor, request }) => {
    await relayTyping(ctx, actor, request.conversationId, false);
    return {};
  },
  'presence:subscribe': async ({ ctx, presence, actor, socketId, request }) => {
    await requirePresenceVisible(ctx, actor.userId, request.userIds);
    return { presences: await presence.subscribe(socketId, request.userIds) };
  },
  'presence:activity': async ({ presence, socketId, request }) => {
    await presence.activity(socketId, request.active);
    return {};
  },
  'presence:setStatus': async ({ presence, actor, request }) => {
    await presence.setChosenStatus(actor.userId, request.status);
    return {};
  },
};
