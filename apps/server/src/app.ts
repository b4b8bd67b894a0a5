import type { AddressInfo } from 'node:net';
import { type ServerConfig, type ServerConfigInput, ServerConfig as ServerConfigSchema } from './config.js';
import type { ServerContext } from './context.js';
import { createJobs } from './jobs/jobs.js';
import { startWorkers } from './jobs/workers.js';
import { createDatabase } from './platform/database/prisma.js';
import { createLogger } from './platform/logger.js';
import { createMetrics } from './platform/metrics.js';
import { createRateLimits } from './platform/rate-limits.js';
import { createRedis } from './platform/redis.js';
import { PresenceService } from './presence/presence-service.js';
import { pushQueueDepth } from './push/push-queue.js';
import { createSearchEngine } from './search/create-engine.js';
import { searchIndexQueueDepth } from './search/index-queue.js';
import { createHttpServer } from './transport/http/http-server.js';
import { drainSockets } from './transport/socket/drain.js';
import { InFlight } from './transport/socket/in-flight.js';
import { socketPublisher } from './transport/socket/publisher.js';
import { createSocketServer, wireSocketServer } from './transport/socket/socket-server.js';

export interface ConfabServer {
  readonly port: number;
  readonly config: ServerConfig;
  readonly context: ServerContext;
  /** Graceful: stop accepting, spread disconnects, finish in-flight requests, then close (SIGTERM). */
  drain(): Promise<void>;
  /** Immediate: disconnect everyone and close. */
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
  const metrics = createMetrics();
  const limits = createRateLimits(redis, config, metrics);
  const jobs = createJobs(config.redisUrl);
  const search = createSearchEngine(config, db);
  const ctx: ServerContext = { db, redis, config, log, events, metrics, limits, jobs, search };
  metrics.registerQueue(pushQueueDepth(jobs.queues.push));
  metrics.registerQueue(searchIndexQueueDepth(jobs.queues.searchIndex));
  const workers = config.runJobWorkers
    ? startWorkers({ db, search, log, redisUrl: config.redisUrl, redis, config, registry: metrics.registry })
    : null;
  const inFlight = new InFlight();
  let draining = false;
  const presenceTransport = { broadcastToOtherProcesses: () => {}, emitToSocket: () => {} } as {
    broadcastToOtherProcesses: PresenceService['deliverLocally'];
    emitToSocket: (socketId: string, updates: Parameters<PresenceService['deliverLocally']>[0]) => void;
  };
  const presence = new PresenceService(ctx, presenceTransport);
  const http = await createHttpServer(ctx, presence, () => draining);
  const { io, sub } = createSocketServer(http.server, redis);
  ctx.events = socketPublisher(io);
  presenceTransport.broadcastToOtherProcesses = (updates) => io.serverSideEmit('presence:batch', updates);
  presenceTransport.emitToSocket = (socketId, updates) =>
    io.sockets.sockets.get(socketId)?.emit('presence', { updates });
  wireSocketServer(io, ctx, presence, inFlight);
  presence.start();

  await http.listen({ port: config.port, host: config.host });
  const port = (http.server.address() as AddressInfo).port;
  log.info({ port }, 'confab server listening');

  let closing: Promise<void> | undefined;
  const shutDown = async () => {
    presence.stop();
    // Only this process's sockets: the others belong to other server processes.
    io.local.disconnectSockets(true);
    // io.close() also closes the HTTP server Fastify listens on.
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await http.close();
    await workers?.close();
    await jobs.close();
    await search.close();
    await db.$disconnect();
    sub.disconnect();
    redis.disconnect();
  };
  return {
    port,
    config,
    context: ctx,
    drain() {
      if (!closing) {
        draining = true;
        // Stop accepting; connections already open stay until drainSockets ends them.
        http.server.close();
        closing = drainSockets(io, inFlight, config.drainTimeoutMs, log).then(shutDown);
      }
      return closing;
    },
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}
