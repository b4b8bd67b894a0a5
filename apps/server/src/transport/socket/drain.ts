import type { Logger } from '../../platform/logger.js';
import type { InFlight } from './in-flight.js';
import type { ConfabIo } from './types.js';

/**
 * Graceful drain: the listener is already closed, so no new connection arrives. Sockets are
 * disconnected spread over half the drain window — each stops taking new events (unanswered, the
 * client resends them after reconnecting, idempotently) and is closed once those in flight are answered —
 * so clients, reconnecting with full-jitter backoff, don't all land on the other processes at
 * once. Then waits for anything still in flight, within the bound.
 */
export async function drainSockets(io: ConfabIo, inFlight: InFlight, timeoutMs: number, log: Logger) {
  const deadline = Date.now() + timeoutMs;
  const sockets = [...io.sockets.sockets.values()];
  const spreadMs = timeoutMs / 2;
  log.info({ sockets: sockets.length, timeoutMs }, 'draining');
  await Promise.all(
    sockets.map(async (socket) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * spreadMs));
      inFlight.stopAccepting(socket.id);
      await inFlight.idle(Math.max(0, deadline - Date.now()), socket.id);
      socket.disconnect(true);
    }),
  );
  const finished = await inFlight.idle(Math.max(0, deadline - Date.now()));
  if (!finished) log.warn('drain timed out with requests still in flight');
  // Closing transports flush what they still hold (the last acks, the disconnect packet) first.
  while (io.engine.clientsCount > 0 && Date.now() < deadline + 1_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
