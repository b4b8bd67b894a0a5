import { type ServerEvent, type ServerEventName, serverToClient } from '../protocol/index.js';
import { assertNever } from './assert-never.js';
import type { Conversations } from './conversations.js';
import type { DeliveryMarks } from './delivery.js';
import type { ClientErrorReport, ErrorReporter } from './errors.js';
import type { Ingest } from './ingest.js';
import type { PresenceStore } from './presence-store.js';
import { withReadUpdate } from './read-state.js';
import type { TypingStore } from './typing-store.js';

/** A validated server event: its name and its parsed payload, correlated. */
export type ServerEventEnvelope = {
  [E in ServerEventName]: { name: E; payload: ServerEvent<E> };
}[ServerEventName];

function isServerEventName(name: string): name is ServerEventName {
  return Object.hasOwn(serverToClient, name);
}

export function parseServerEvent(
  name: string,
  payload: unknown,
): { ok: true; event: ServerEventEnvelope } | { ok: false; report: ClientErrorReport } {
  if (!isServerEventName(name)) return { ok: false, report: { kind: 'unknown_event', event: name } };
  const parsed = serverToClient[name].safeParse(payload);
  if (!parsed.success)
    return { ok: false, report: { kind: 'invalid_event', event: name, error: parsed.error } };
  // The schema was picked by `name`, so the payload belongs to it; TypeScript cannot follow that.
  return { ok: true, event: { name, payload: parsed.data } as ServerEventEnvelope };
}

export interface EventRoutes {
  userId: string;
  conversations: Conversations;
  ingest: Ingest;
  typing: TypingStore;
  presence: PresenceStore;
  delivery: DeliveryMarks;
  requestCatchUp(): void;
}

/** Every server event passes here: validated, then dispatched by one exhaustive switch. */
export function createServerEventHandler(routes: EventRoutes, onError: ErrorReporter) {
  return (name: string, payload: unknown): void => {
    const parsed = parseServerEvent(name, payload);
    if (!parsed.ok) {
      onError(parsed.report);
      return;
    }
    try {
      route(parsed.event, routes);
    } catch (error) {
      onError({ kind: 'internal', during: name, error });
    }
  };
}

function route(event: ServerEventEnvelope, routes: EventRoutes): void {
  const { conversations } = routes;
  switch (event.name) {
    case 'message:new':
      routes.ingest.live(event.payload, 'new');
      break;
    case 'message:updated':
      routes.ingest.live(event.payload, 'updated');
      break;
    case 'conversation:joined':
      conversations.upsert(event.payload);
      routes.requestCatchUp();
      break;
    case 'conversation:left':
      conversations.remove(event.payload.conversationId);
      routes.delivery.forget(event.payload.conversationId);
      break;
    case 'read:updated': {
      const update = event.payload;
      const store = conversations.get(update.conversationId);
      if (store === undefined) {
        routes.requestCatchUp();
        break;
      }
      store.updateState((state) => withReadUpdate(state, update, routes.userId));
      conversations.changed(store.id);
      break;
    }
    case 'typing':
      routes.typing.receive(event.payload);
      break;
    case 'presence':
      routes.presence.receive(event.payload.updates);
      break;
    default:
      assertNever(event);
  }
}
