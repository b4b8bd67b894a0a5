import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  type ClientToServerEvents,
  ErrorBody,
  type Handshake,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '../protocol/index.js';
import { type BackoffOptions, backoffDelay } from './backoff.js';
import { type Clock, systemClock, type TimerHandle } from './clock.js';

export type ConfabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConfabSocketOptions = Partial<ManagerOptions & SocketOptions>;

export type ConnectionState =
  | { status: 'idle' }
  | { status: 'connecting'; attempt: number }
  | { status: 'connected' }
  | { status: 'waiting'; retryAt: number; attempt: number; reason: string }
  /** The server refused the token twice; sign in again, then call `reconnectNow()`. */
  | { status: 'needs-auth'; reason: string }
  /** The device says it has no network (`setOnline(false)`): no attempts until it is back. */
  | { status: 'offline' }
  | { status: 'closed'; reason: string };

export type SocketFactory = (url: string, options: ConfabSocketOptions) => ConfabSocket;

/** Why a token is asked for: `refused` right after the server refused the last one (refresh it). */
export interface TokenRequest {
  refused: boolean;
}

export interface ConnectionOptions {
  url: string;
  /** Called before every attempt; null means there is no session to connect with. */
  getAccessToken(request: TokenRequest): Promise<string | null>;
  socketOptions?: ConfabSocketOptions;
  clock?: Clock;
  backoff?: BackoffOptions;
  createSocket?: SocketFactory;
}

export interface Connection {
  readonly socket: ConfabSocket;
  readonly state: ConnectionState;
  start(): void;
  stop(): void;
  /** Skips the wait (e.g. the browser went back online), or retries after signing in again. */
  reconnectNow(): void;
  /** Gives up on the current connection and reconnects with backoff (e.g. catch-up failed). */
  drop(reason: string): void;
  /**
   * The device's network went away or came back (the browser's offline/online events). Offline
   * closes the socket at once — an open WebSocket can outlive the network for a long while — and
   * holds every attempt; online connects right away.
   */
  setOnline(online: boolean): void;
  onChange(listener: (state: ConnectionState, previous: ConnectionState) => void): () => void;
}

const ConnectErrorData = ErrorBody.pick({ code: true, retryAfterMs: true }).partial();

const defaultSocketFactory: SocketFactory = (url, options) => io(url, options);

export function createConnection(options: ConnectionOptions): Connection {
  const clock = options.clock ?? systemClock;
  const socket = (options.createSocket ?? defaultSocketFactory)(options.url, {
    transports: ['websocket', 'polling'],
    // Without this engine.io gives up after the first transport instead of falling back to polling.
    tryAllTransports: true,
    // Two clients in one process (two devices in a test) must not share a Manager.
    forceNew: true,
    ...options.socketOptions,
    autoConnect: false,
    reconnection: false,
  });
  const listeners = new Set<(state: ConnectionState, previous: ConnectionState) => void>();

  let state: ConnectionState = { status: 'idle' };
  let failures = 0;
  let retriedAuth = false;
  let networkDown = false;
  let timer: TimerHandle | undefined;
  // Bumped whenever an attempt is abandoned, so a token that arrives late is not used.
  let epoch = 0;

  function setState(next: ConnectionState) {
    const previous = state;
    state = next;
    for (const listener of listeners) listener(next, previous);
  }

  function clearTimer() {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  }

  function attempt(request: TokenRequest = { refused: false }) {
    clearTimer();
    const current = ++epoch;
    if (networkDown) return setState({ status: 'offline' });
    setState({ status: 'connecting', attempt: failures });
    Promise.resolve()
      .then(() => options.getAccessToken(request))
      .then(
        (token) => {
          if (current !== epoch) return;
          if (token === null) return setState({ status: 'needs-auth', reason: 'no_token' });
          const auth: Handshake = { token, protocolVersion: PROTOCOL_VERSION };
          socket.auth = auth;
          socket.connect();
        },
        () => {
          if (current === epoch) retryLater('token_unavailable');
        },
      );
  }

  function retryLater(reason: string, atLeastMs = 0) {
    clearTimer();
    failures += 1;
    const delay = Math.max(atLeastMs, backoffDelay(failures - 1, options.backoff));
    setState({ status: 'waiting', retryAt: clock.now() + delay, attempt: failures, reason });
    timer = clock.setTimeout(attempt, delay);
  }

  socket.on('connect', () => {
    failures = 0;
    retriedAuth = false;
    setState({ status: 'connected' });
  });

  socket.on('connect_error', (error) => {
    if (state.status !== 'connecting') return;
    const data = ConnectErrorData.safeParse((error as Error & { data?: unknown }).data);
    const code = (data.success ? data.data.code : undefined) ?? error.message;
    if (code === 'unauthorized') {
      if (retriedAuth) return setState({ status: 'needs-auth', reason: 'unauthorized' });
      // The token may just have expired: ask the app once more, it refreshes.
      retriedAuth = true;
      return attempt({ refused: true });
    }
    if (code === 'unsupported_protocol') return setState({ status: 'closed', reason: code });
    retryLater(code, data.success ? data.data.retryAfterMs : undefined);
  });

  socket.on('disconnect', (reason) => {
    if (state.status === 'connected') retryLater(reason);
  });

  return {
    socket,
    get state() {
      return state;
    },
    start() {
      if (state.status !== 'idle' && state.status !== 'closed') return;
      failures = 0;
      retriedAuth = false;
      attempt();
    },
    stop() {
      clearTimer();
      epoch++;
      if (state.status !== 'closed') setState({ status: 'closed', reason: 'stopped' });
      socket.disconnect();
    },
    reconnectNow() {
      if (state.status !== 'waiting' && state.status !== 'needs-auth') return;
      if (state.status === 'needs-auth') retriedAuth = false;
      attempt();
    },
    setOnline(online) {
      if (networkDown === !online) return;
      networkDown = !online;
      const { status } = state;
      if (status === 'idle' || status === 'closed' || status === 'needs-auth') return;
      if (online) {
        if (status !== 'offline') return;
        failures = 0;
        return attempt();
      }
      clearTimer();
      epoch++;
      // The state moves first so the 'disconnect' that follows does not schedule a retry.
      setState({ status: 'offline' });
      socket.disconnect();
    },
    drop(reason) {
      if (state.status !== 'connected' && state.status !== 'connecting') return;
      epoch++;
      // The state moves first so the 'disconnect' that follows is not counted as a second failure.
      retryLater(reason);
      socket.disconnect();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
