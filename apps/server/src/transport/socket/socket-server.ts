import type { Server as HttpServer } from 'node:http';
import {
  type Ack,
  type ClientEventName,
  clientToServer,
  type ErrorBody,
  Handshake,
  PROTOCOL_VERSION,
} from '@confab/shared';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { authenticate } from '../../accounts/sessions.js';
import type { ServerContext } from '../../context.js';
import { DomainError } from '../../platform/errors.js';
import type { Redis } from '../../platform/redis.js';
import type { PresenceService } from '../../presence/presence-service.js';
import { toErrorBody, validationError } from '../error-body.js';
import { EVENT_LIMITS } from './event-limits.js';
import { type HandlerCall, handlers } from './handlers.js';
import type { InFlight } from './in-flight.js';
import { deviceRoom, userRoom } from './rooms.js';
import type { ConfabIo, ConfabSocket } from './types.js';

/** A refused connection: the client sees `connect_error` with `message` = code and `data` = the body. */
function refusal(body: ErrorBody): Error {
  return Object.assign(new Error(body.code), { data: body });
}

/** Socket.IO on the HTTP server's port; its Redis adapter carries events between server processes. */
export function createSocketServer(httpServer: HttpServer, pub: Redis): { io: ConfabIo; sub: Redis } {
  // A subscriber connection only listens: nothing to pipeline.
  const sub = pub.duplicate({ enableAutoPipelining: false });
  const io: ConfabIo = new Server(httpServer, {
    adapter: createAdapter(pub, sub),
    transports: ['websocket', 'polling'],
    serveClient: false,
    // Room for the largest valid request (a sync with LIMITS.syncCursorsMax cursors); bigger packets close the connection.
    maxHttpBufferSize: 1024 * 1024,
  });
  // Socket.IO keeps each session's first HTTP request (headers and all) for its lifetime; nothing
  // here reads it after the handshake (address and auth are copied into it), so an idle
  // connection costs kilobytes less (Socket.IO's memory-usage guide).
  io.engine.on('connection', (rawSocket: { request: unknown }) => {
    rawSocket.request = null;
  });
  return { io, sub };
}

const isEventName = (name: string): name is ClientEventName => Object.hasOwn(clientToServer, name);

/** Verifies the token on every (re)connection, then validates and dispatches every event. */
export function wireSocketServer(
  io: ConfabIo,
  ctx: ServerContext,
  presence: PresenceService,
  inFlight: InFlight,
): void {
  io.use((socket, next) => {
    ctx.limits.consume('connect', socket.handshake.address).then(
      () => next(),
      (error: unknown) => next(refusal(toErrorBody(error, ctx.log))),
    );
  });
  io.use((socket, next) => {
    const handshake = Handshake.safeParse(socket.handshake.auth);
    if (!handshake.success) return next(refusal({ code: 'unauthorized', message: 'missing access token' }));
    if (handshake.data.protocolVersion !== PROTOCOL_VERSION) {
      return next(
        refusal({ code: 'unsupported_protocol', message: `this server speaks protocol ${PROTOCOL_VERSION}` }),
      );
    }
    authenticate(ctx, handshake.data.token).then(
      (actor) => {
        socket.data = actor;
        next();
      },
      (error: unknown) => {
        const message = error instanceof DomainError ? error.message : 'sign in again';
        if (!(error instanceof DomainError)) ctx.log.error({ err: error }, 'socket authentication failed');
        next(refusal({ code: 'unauthorized', message }));
      },
    );
  });

  io.on('presence:batch', (updates) => presence.deliverLocally(updates));

  // Delivery latency: from the server receiving a message (its createdAt) to the write to a recipient.
  const recordDelivery = (event: string, payload: unknown) => {
    if (event !== 'message:new') return;
    ctx.metrics.messagesDelivered.inc();
    const createdAt = Date.parse((payload as { createdAt: string }).createdAt);
    ctx.metrics.deliveryLatency.observe(Math.max(0, Date.now() - createdAt) / 1000);
  };

  io.on('connection', (socket) => {
    const actor = socket.data;
    ctx.metrics.connections.inc();
    socket.onAnyOutgoing(recordDelivery);
    socket.join([userRoom(actor.userId), deviceRoom(actor.deviceId)]);
    // Made when something is logged, not held by every idle connection.
    const log = () => ctx.log.child({ socketId: socket.id, userId: actor.userId, deviceId: actor.deviceId });
    if (ctx.log.isLevelEnabled('debug')) log().debug({ transport: socket.conn.transport.name }, 'connected');
    const loadChosen = async () =>
      (await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { chosenStatus: true } }))
        .chosenStatus;
    presence
      .connected(socket.id, actor.userId, actor.deviceId, loadChosen)
      .catch((error: unknown) => log().error({ err: error }, 'presence connect failed'));
    socket.on('disconnect', (reason) => {
      if (ctx.log.isLevelEnabled('debug')) log().debug({ reason }, 'disconnected');
      ctx.metrics.connections.dec();
      inFlight.forget(socket.id);
      presence
        .disconnected(socket.id)
        .catch((error: unknown) => log().error({ err: error }, 'presence disconnect failed'));
    });
    socket.onAny((event: string, ...args: unknown[]) => {
      if (!inFlight.accepts(socket.id)) return;
      inFlight.begin(socket.id);
      dispatch(socket, ctx, presence, event, args).finally(() => inFlight.end(socket.id));
    });
  });
}

async function dispatch(
  socket: ConfabSocket,
  ctx: ServerContext,
  presence: PresenceService,
  event: string,
  args: unknown[],
): Promise<void> {
  const receivedAt = new Date();
  const last = args.at(-1);
  let answered = false;
  const ack = (result: Ack<unknown>) => {
    if (answered || typeof last !== 'function') return;
    answered = true;
    (last as (result: Ack<unknown>) => void)(result);
  };
  try {
    if (!isEventName(event)) throw new DomainError('bad_request', `unknown event "${event}"`);
    const parsed = clientToServer[event].request.safeParse(args[0]);
    if (!parsed.success) throw validationError(parsed.error, `${event} request`);
    const limit = EVENT_LIMITS[event];
    if (limit) await ctx.limits.consume(limit, socket.data.userId);
    const handler = handlers[event] as (call: HandlerCall<ClientEventName>) => Promise<unknown>;
    const data = await handler({
      ctx,
      presence,
      actor: socket.data,
      socketId: socket.id,
      receivedAt,
      request: parsed.data,
      respond: (early) => ack({ ok: true, data: early }),
    });
    ack({ ok: true, data });
  } catch (error) {
    ack({ ok: false, error: toErrorBody(error, ctx.log.child({ event, socketId: socket.id })) });
  }
}
