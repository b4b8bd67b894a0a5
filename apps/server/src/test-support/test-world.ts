import { randomUUID } from 'node:crypto';
import {
  type Ack,
  type ClientEventName,
  type ClientRequest,
  type ClientResponse,
  type ClientToServerEvents,
  PROTOCOL_VERSION,
  type ServerEvent,
  type ServerEventName,
  type ServerToClientEvents,
  type Session,
} from '@confab/shared';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import { type ConfabServer, startConfabServer } from '../app.js';
import type { ServerConfigInput } from '../config.js';
import { createTestDatabase } from './database.js';
import { startRedis } from './redis.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real Confab server on real PostgreSQL and Redis, for one test file. */
export interface TestWorld {
  server: ConfabServer;
  url: string;
  databaseUrl: string;
  redisUrl: string;
  /** Starts another server on the same database and Redis (e.g. to restart, or to run two). */
  startServer(overrides?: Partial<ServerConfigInput>): Promise<ConfabServer>;
  http<T = unknown>(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; raw?: string },
  ): Promise<{ status: number; body: T }>;
  /** Creates an account and signs it in on a new device. */
  signUp(username: string, options?: { role?: 'admin' | 'member' }): Promise<Session>;
  signIn(username: string, deviceName?: string): Promise<Session>;
  connect(session: Session, options?: { url?: string }): Promise<TestSocket>;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery staple';

export async function startTestWorld(overrides: Partial<ServerConfigInput> = {}): Promise<TestWorld> {
  const database = await createTestDatabase();
  const redis = await startRedis();
  const servers: ConfabServer[] = [];
  const sockets: TestSocket[] = [];
  const baseConfig: ServerConfigInput = {
    port: 0,
    databaseUrl: database.url,
    redisUrl: redis.url,
    authSecret: 'test-secret-test-secret-test-secret-0123456789',
    logLevel: 'silent',
    presenceGraceMs: 300,
    presenceBatchMs: 20,
    presenceHeartbeatMs: 1_000,
    ...overrides,
  };
  const startServer = async (more: Partial<ServerConfigInput> = {}) => {
    const server = await startConfabServer({ ...baseConfig, ...more });
    servers.push(server);
    return server;
  };
  const server = await startServer();

  const http: TestWorld['http'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${world.url}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as never };
  };

  const signIn = async (username: string, deviceName = 'Test device') => {
    const response = await http<Session>('POST', '/api/auth/login', {
      body: { username, password: PASSWORD, deviceName },
    });
    if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  const world: TestWorld = {
    server,
    url: `http://127.0.0.1:${server.port}`,
    databaseUrl: database.url,
    redisUrl: redis.url,
    startServer,
    http,
    signIn,
    async signUp(username, options = {}) {
      const { createUser } = await import('../accounts/users.js');
      await createUser(server.context, {
        username,
        displayName: username[0]!.toUpperCase() + username.slice(1),
        password: PASSWORD,
        role: options.role ?? 'member',
      });
      return signIn(username);
    },
    async connect(session, options = {}) {
      const socket: TestSocket = io(options.url ?? world.url, {
        auth: { token: session.accessToken, protocolVersion: PROTOCOL_VERSION },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (error) => reject(error));
      });
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      for (const s of servers) await s.close();
      await redis.stop();
      await database.drop();
    },
  };
  return world;
}

/** Emits a client event and resolves with its acknowledgement. */
export function request<E extends ClientEventName>(
  socket: TestSocket,
  event: E,
  payload: ClientRequest<E>,
): Promise<Ack<ClientResponse<E>>> {
  const emit = socket.timeout(10_000).emit as unknown as (
    event: E,
    payload: unknown,
    ack: (error: Error | null, result: Ack<ClientResponse<E>>) => void,
  ) => void;
  return new Promise((resolve, reject) => {
    emit.call(socket, event, payload, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Like `request`, but unwraps a successful acknowledgement and throws on an error one. */
export async function ok<E extends ClientEventName>(
  socket: TestSocket,
  event: E,
  payload: ClientRequest<E>,
): Promise<ClientResponse<E>> {
  const result = await request(socket, event, payload);
  if (!result.ok) throw new Error(`${event} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** Resolves with the next event of that name that satisfies `match`. */
export function nextEvent<E extends ServerEventName>(
  socket: TestSocket,
  event: E,
  match: (payload: ServerEvent<E>) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<ServerEvent<E>> {
  return new Promise((resolve, reject) => {
    const on = socket.on as unknown as (event: string, listener: (payload: ServerEvent<E>) => void) => void;
    const off = socket.off as unknown as (event: string, listener: (payload: ServerEvent<E>) => void) => void;
    const timer = setTimeout(() => {
      off.call(socket, event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    function listener(payload: ServerEvent<E>) {
      if (!match(payload)) return;
      clearTimeout(timer);
      off.call(socket, event, listener);
      resolve(payload);
    }
    on.call(socket, event, listener);
  });
}

/** Collects every event of that name until stopped. */
export function collect<E extends ServerEventName>(socket: TestSocket, event: E): ServerEvent<E>[] {
  const seen: ServerEvent<E>[] = [];
  (socket.on as unknown as (event: string, listener: (payload: ServerEvent<E>) => void) => void).call(
    socket,
    event,
    (payload) => seen.push(payload),
  );
  return seen;
}

export const newClientId = () => randomUUID();
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a world before the file's tests and closes it after. The returned object forwards to
 * the live world, so tests can write `world.signUp(...)` at the top level of a describe.
 */
export function useTestWorld(overrides: Partial<ServerConfigInput> = {}): TestWorld {
  let live: TestWorld | undefined;
  beforeAll(async () => {
    live = await startTestWorld(overrides);
  });
  afterAll(async () => live?.close());
  const current = () => {
    if (!live) throw new Error('the test world starts in beforeAll');
    return live;
  };
  return new Proxy({} as TestWorld, {
    get: (_target, key) => Reflect.get(current(), key),
    set: (_target, key, value) => Reflect.set(current(), key, value),
  });
}
