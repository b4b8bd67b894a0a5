import type { AddressInfo } from 'node:net';
import { type ServerConfig, type ServerConfigInput, ServerConfig as ServerConfigSchema } from './config.js';
import type { ServerContext } from './context.js';
import { createDatabase } from './platform/database/prisma.js';
import { createLogger } from './platform/logger.js';
import { createRedis } from './platform/redis.js';
import { PresenceService } from './presence/presence-service.js';
import { createHttpServer } from './transport/http/http-server.js';
import { socketPublisher } from './transport/socket/publisher.js';
import { createSocketServer, wireSocketServer } from './transport/socket/socket-server.js';

export interface ConfabServer {
  readonly port: number;
  readonly config: ServerConfig;
  readonly context: ServerContext;
  close(): Promise<void>;
}

/** Builds one server process — HTTP API and Socket.IO on one port — and starts listening. */
export async function startConfabServer(input: ServerConfigInput): Promise<ConfabServer> {
  const config = ServerConfigSchema.parse(input);
  const log = createLogger(config.logLevel);
  const db = createDatabase(config.databaseUrl);
  const redis = createRedis(config.redisUrl);

  // The publisher needs the Socket.IO server, which needs the HTTP server, which needs the context.
  const events = { toUsers: () => {}, disconnectDevice: () => {} } as ServerContext['events'];
  const ctx: ServerContext = { db, redis, config, log, events };
  const presenceTransport = { broadcastToOtherProcesses: () => {}, emitToSocket: () => {} } as {
    broadcastToOtherProcesses: PresenceService['deliverLocally'];
    emitToSocket: (socketId: string, updates: Parameters<PresenceService['deliverLocally']>[0]) => void;
  };
  const presence = new PresenceService(ctx, presenceTransport);
  const http = await createHttpServer(ctx, presence);
  const { io, sub } = createSocketServer(http.server, redis);
  ctx.events = socketPublisher(io);
  presenceTransport.broadcastToOtherProcesses = (updates) => io.serverSideEmit('presence:batch', updates);
  presenceTransport.emitToSocket = (socketId, updates) =>
    io.sockets.sockets.get(socketId)?.emit('presence', { updates });
  wireSocketServer(io, ctx, presence);
  presence.start();

  await http.listen({ port: config.port, host: config.host });
  const port = (http.server.address() as AddressInfo).port;
  log.info({ port }, 'confab server listening');

  let closing: Promise<void> | undefined;
  const shutDown = async () => {
    presence.stop();
    io.disconnectSockets(true);
    // io.close() also closes the HTTP server Fastify listens on.
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await http.close();
    await db.$disconnect();
    sub.disconnect();
    redis.disconnect();
  };
  return {
    port,
    config,
    context: ctx,
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}
