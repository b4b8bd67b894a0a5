import { beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../protocol/index.js';
import { createManualClock, type ManualClock } from './clock.js';
import {
  type ConfabSocket,
  type ConfabSocketOptions,
  type Connection,
  createConnection,
} from './connection.js';

/** Just enough of a socket.io client socket to drive the state machine by hand. */
class FakeSocket {
  connected = false;
  auth: unknown;
  connects: unknown[] = [];
  readonly #listeners = new Map<string, ((...args: unknown[]) => void)[]>();

  on(event: string, listener: (...args: unknown[]) => void) {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }
  connect() {
    this.connects.push(this.auth);
    return this;
  }
  disconnect() {
    if (this.connected) this.serverSays('disconnect', 'io client disconnect');
    return this;
  }
  serverSays(event: string, ...args: unknown[]) {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const listener of this.#listeners.get(event) ?? []) listener(...args);
  }
  refuse(code: string) {
    this.serverSays('connect_error', Object.assign(new Error(code), { data: { code } }));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('connection', () => {
  let clock: ManualClock;
  let socket: FakeSocket;
  let options: ConfabSocketOptions | undefined;
  let tokens: (string | null)[];
  let tokenRequests: { refused: boolean }[];
  let connection: Connection;

  beforeEach(() => {
    clock = createManualClock(1_000);
    socket = new FakeSocket();
    tokens = ['token-1', 'token-2', 'token-3', 'token-4'];
    tokenRequests = [];
    connection = createConnection({
      url: 'http://confab.test',
      getAccessToken: async (request) => {
        tokenRequests.push(request);
        return tokens.length > 0 ? (tokens.shift() ?? null) : 'token-n';
      },
      clock,
      backoff: { random: () => 0.5 },
      createSocket: (_url, socketOptions) => {
        options = socketOptions;
        return socket as unknown as ConfabSocket;
      },
    });
  });

  it('lets socket.io neither connect nor reconnect by itself, websocket first', () => {
    expect(options).toMatchObject({
      autoConnect: false,
      reconnection: false,
      transports: ['websocket', 'polling'],
    });
    expect(connection.state).toEqual({ status: 'idle' });
  });

  it('connects with a fresh token and the protocol version on every attempt', async () => {
    connection.start();
    expect(connection.state).toEqual({ status: 'connecting', attempt: 0 });
    await settle();
    socket.serverSays('connect');
    expect(connection.state).toEqual({ status: 'connected' });
    socket.serverSays('disconnect', 'transport close');
    clock.advance(250);
    await settle();
    expect(socket.connects).toEqual([
      { token: 'token-1', protocolVersion: PROTOCOL_VERSION },
      { token: 'token-2', protocolVersion: PROTOCOL_VERSION },
    ]);
  });

  it('waits with growing backoff after failures, and a successful connect resets the count', async () => {
    connection.start();
    await settle();
    socket.serverSays('connect_error', new Error('websocket error'));
    expect(connection.state).toEqual({
      status: 'waiting',
      retryAt: 1_250,
      attempt: 1,
      reason: 'websocket error',
    });
    clock.advance(250);
    await settle();
    socket.serverSays('connect_error', new Error('websocket error'));
    expect(connection.state).toMatchObject({ status: 'waiting', retryAt: 1_750, attempt: 2 });
    clock.advance(500);
    await settle();
    socket.serverSays('connect');
    socket.serverSays('disconnect', 'ping timeout');
    expect(connection.state).toEqual({
      status: 'waiting',
      retryAt: 2_000,
      attempt: 1,
      reason: 'ping timeout',
    });
  });

  it('asks for the token once more when it is refused, and connects with the new one', async () => {
    connection.start();
    await settle();
    socket.refuse('unauthorized');
    expect(connection.state).toEqual({ status: 'connecting', attempt: 0 });
    await settle();
    socket.serverSays('connect');
    expect(connection.state).toEqual({ status: 'connected' });
    expect(socket.connects.map((auth) => (auth as { token: string }).token)).toEqual(['token-1', 'token-2']);
    expect(tokenRequests).toEqual([{ refused: false }, { refused: true }]);
  });

  it('needs a new sign-in when the refreshed token is refused too', async () => {
    connection.start();
    await settle();
    socket.refuse('unauthorized');
    await settle();
    socket.refuse('unauthorized');
    expect(connection.state).toEqual({ status: 'needs-auth', reason: 'unauthorized' });
    clock.advance(60_000);
    expect(socket.connects).toHaveLength(2);
    connection.reconnectNow(); // signed in again
    await settle();
    expect(socket.connects).toHaveLength(3);
  });

  it('needs a sign-in when there is no token at all', async () => {
    tokens = [null];
    connection.start();
    await settle();
    expect(connection.state).toEqual({ status: 'needs-auth', reason: 'no_token' });
    expect(socket.connects).toEqual([]);
  });

  it('retries later when the token cannot be had (the refresh request failed)', async () => {
    const failing = createConnection({
      url: 'http://confab.test',
      getAccessToken: () => Promise.reject(new Error('network down')),
      clock,
      backoff: { random: () => 0.5 },
      createSocket: () => new FakeSocket() as unknown as ConfabSocket,
    });
    failing.start();
    await settle();
    expect(failing.state).toMatchObject({ status: 'waiting', attempt: 1, reason: 'token_unavailable' });
  });

  it('closes for good on an unsupported protocol', async () => {
    connection.start();
    await settle();
    socket.refuse('unsupported_protocol');
    expect(connection.state).toEqual({ status: 'closed', reason: 'unsupported_protocol' });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('waits at least as long as a rate-limited handshake is told to', async () => {
    connection.start();
    await settle();
    socket.serverSays(
      'connect_error',
      Object.assign(new Error('rate_limited'), { data: { code: 'rate_limited', retryAfterMs: 10_000 } }),
    );
    expect(connection.state).toMatchObject({ status: 'waiting', retryAt: 11_000 });
  });

  it('reconnectNow skips the wait', async () => {
    connection.start();
    await settle();
    socket.serverSays('connect_error', new Error('xhr poll error'));
    connection.reconnectNow();
    expect(connection.state).toEqual({ status: 'connecting', attempt: 1 });
    await settle();
    expect(socket.connects).toHaveLength(2);
    clock.advance(60_000);
    await settle();
    expect(socket.connects).toHaveLength(2);
  });

  it('drop gives up the connection and reconnects with backoff, counted once', async () => {
    connection.start();
    await settle();
    socket.serverSays('connect');
    connection.drop('sync_failed');
    expect(connection.state).toMatchObject({ status: 'waiting', attempt: 1, reason: 'sync_failed' });
    expect(socket.connected).toBe(false);
  });

  it('stops for good when stopped, and a late token is not used', async () => {
    connection.start();
    connection.stop();
    await settle();
    expect(connection.state).toEqual({ status: 'closed', reason: 'stopped' });
    expect(socket.connects).toEqual([]);
  });

  it('tells listeners every transition with the previous state', async () => {
    const seen: string[] = [];
    connection.onChange((state, previous) => seen.push(`${previous.status} → ${state.status}`));
    connection.start();
    await settle();
    socket.serverSays('connect');
    connection.stop();
    expect(seen).toEqual(['idle → connecting', 'connecting → connected', 'connected → closed']);
  });

  it('closes the socket at once when the device goes offline, and tries nothing until it is back', async () => {
    connection.start();
    await settle();
    socket.serverSays('connect');
    connection.setOnline(false);
    expect(connection.state).toEqual({ status: 'offline' });
    expect(socket.connected).toBe(false);
    clock.advance(600_000);
    connection.reconnectNow();
    await settle();
    expect(socket.connects).toHaveLength(1);
    connection.setOnline(true);
    expect(connection.state).toEqual({ status: 'connecting', attempt: 0 });
    await settle();
    expect(socket.connects).toHaveLength(2);
  });

  it('going offline while waiting cancels the retry; starting offline waits for the network', async () => {
    connection.start();
    await settle();
    socket.serverSays('connect_error', new Error('websocket error'));
    connection.setOnline(false);
    expect(clock.pendingTimers()).toBe(0);
    connection.stop();
    connection.start();
    expect(connection.state).toEqual({ status: 'offline' });
    connection.setOnline(true);
    await settle();
    expect(socket.connects).toHaveLength(2);
  });
});
