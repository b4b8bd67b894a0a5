import {
  type ClientEventName,
  type ClientRequest,
  type ClientResponse,
  clientAckSchema,
} from '../protocol/index.js';
import type { ConfabSocket } from './connection.js';
import { type ErrorReporter, RequestError } from './errors.js';

export const REQUEST_TIMEOUT_MS = 10_000;

/** Emits one client event and resolves with its validated acknowledgement. */
export interface Requester {
  request<E extends ClientEventName>(event: E, payload: ClientRequest<E>): Promise<ClientResponse<E>>;
  readonly connected: boolean;
}

type TimeoutAck = (error: Error | null, result?: unknown) => void;
/** socket.io's typed emit cannot follow a generic event name; the ack is validated below instead. */
type UntypedEmitter = { emit(event: string, payload: unknown, ack: TimeoutAck): unknown };

export function createRequester(
  socket: ConfabSocket,
  options: { timeoutMs?: number; onError: ErrorReporter },
): Requester {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;

  return {
    get connected() {
      return socket.connected;
    },

    request(event, payload) {
      // socket.io buffers emits made while disconnected and replays them on the next connect,
      // behind the engine's back; refusing here keeps every resend decision in the outbox.
      if (!socket.connected) return Promise.reject(new RequestError('offline', 'not connected'));
      return new Promise((resolve, reject) => {
        const emitter = socket.timeout(timeoutMs) as unknown as UntypedEmitter;
        emitter.emit(event, payload, (error, raw) => {
          if (error) {
            reject(new RequestError(socket.connected ? 'timeout' : 'offline', error.message));
            return;
          }
          const parsed = clientAckSchema(event).safeParse(raw);
          if (!parsed.success) {
            options.onError({ kind: 'invalid_ack', event, error: parsed.error });
            reject(new RequestError('invalid_response', `invalid acknowledgement for ${event}`));
          } else if (parsed.data.ok) {
            resolve(parsed.data.data as ClientResponse<typeof event>);
          } else {
            reject(RequestError.fromBody(parsed.data.error));
          }
        });
      });
    },
  };
}
