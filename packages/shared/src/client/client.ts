import {
  type ChosenStatus,
  type ClientEventName,
  type ClientRequest,
  type ConversationState,
  type Message,
  type Presence,
  type ReadState,
  SendMessage,
} from '../protocol/index.js';
import { createActivity } from './activity.js';
import { createChangeFeed } from './changes.js';
import type { Clock } from './clock.js';
import {
  type ConfabSocketOptions,
  type Connection,
  type ConnectionState,
  createConnection,
  type TokenRequest,
} from './connection.js';
import {
  type ConversationStorage,
  createConversations,
  createMemoryConversationStorage,
} from './conversations.js';
import { createDeliveryMarks } from './delivery.js';
import { asRequestError, type ClientErrorReport, RequestError } from './errors.js';
import { createServerEventHandler } from './events.js';
import { createGapWatcher } from './gaps.js';
import { createHistory } from './history.js';
import { createIngest } from './ingest.js';
import { createOutbox, type OutboxStorage } from './outbox.js';
import { createPresenceStore } from './presence-store.js';
import { isNewerOrSameCursor, withNewerReadState, withReadState } from './read-state.js';
import { createRequester } from './request.js';
import { createSync } from './sync.js';
import { createTypingStore } from './typing-store.js';
import { type ClientSnapshot, type ConversationView, createViews } from './views.js';

/** What `send` checks before queueing; the outbox adds the clientId. */
const NewMessage = SendMessage.omit({ clientId: true });

export interface ConfabClientOptions {
  url: string;
  /** The signed-in user: their own messages, typing and read cursor are told apart by it. */
  userId: string;
  /**
   * Called before every connection attempt; refresh the token here when it is about to expire,
   * or when `refused` says the server has just refused it. null: signed out.
   */
  getAccessToken(request: TokenRequest): Promise<string | null>;
  storage?: { outbox?: OutboxStorage; conversations?: ConversationStorage };
  socketOptions?: ConfabSocketOptions;
  random?: () => number;
  clock?: Clock;
  /** Invalid server data and failures the engine absorbed. Never throws into the engine. */
  onError?(report: ClientErrorReport): void;
  requestTimeoutMs?: number;
}

export interface ConfabClient {
  start(): Promise<void>;
  /** Disconnects; resolves once the outbox and the conversations are saved to storage. */
  stop(): Promise<void>;
  readonly connectionState: ConnectionState;
  reconnectNow(): void;
  /** The device lost or regained its network (the browser's offline/online events). */
  setOnline(online: boolean): void;
  /** Whether a person is using this device; all idle devices make the user "away". */
  setActive(active: boolean): void;
  /** The status the user chose (`auto` derives it from their devices again). */
  setStatus(status: ChosenStatus): Promise<void>;
  /**
   * A conversation state from an HTTP answer (settings, members, create, join). A conversation
   * the device does not hold yet arrives whole with the next catch-up.
   */
  adoptState(state: ConversationState): void;
  /** Queues a message in the outbox and returns its clientId. Throws a `bad_request` RequestError for an invalid body. */
  send(conversationId: string, body: string, options?: { replyToId?: string }): string;
  retry(clientId: string): boolean;
  discard(clientId: string): boolean;
  edit(messageId: string, body: string): Promise<Message>;
  remove(messageId: string): Promise<Message>;
  react(messageId: string, emoji: string): Promise<Message>;
  unreact(messageId: string, emoji: string): Promise<Message>;
  loadOlder(conversationId: string, limit?: number): Promise<{ hasMore: boolean }>;
  markRead(conversationId: string, seq?: number): Promise<ReadState>;
  markUnread(conversationId: string, seq: number): Promise<ReadState>;
  notifyTyping(conversationId: string): void;
  stopTyping(conversationId: string): void;
  subscribePresence(userIds: readonly string[]): void;
  unsubscribePresence(userIds: readonly string[]): void;
  /** Most recent activity first. */
  conversations(): readonly ConversationState[];
  conversation(conversationId: string): ConversationView | undefined;
  presence(userId: string): Presence | undefined;
  whenSynced(): Promise<void>;
  /** Called after changes (coalesced); returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  snapshot(): ClientSnapshot;
}

export function createConfabClient(options: ConfabClientOptions): ConfabClient {
  const { userId, clock } = options;
  const onError = (report: ClientErrorReport) => {
    try {
      options.onError?.(report);
    } catch {
      // A broken error hook must not break the engine.
    }
  };

  const changes = createChangeFeed((error) => onError({ kind: 'internal', during: 'listener', error }));
  const connection: Connection = createConnection({
    url: options.url,
    getAccessToken: options.getAccessToken,
    socketOptions: options.socketOptions,
    clock,
    backoff: { random: options.random },
  });
  const requester = createRequester(connection.socket, { timeoutMs: options.requestTimeoutMs, onError });

  /** For requests nobody awaits: failures are reported, being offline is not a failure. */
  function fireAndForget<E extends ClientEventName>(event: E, payload: ClientRequest<E>) {
    if (!requester.connected) return;
    requester.request(event, payload).catch((error: unknown) => {
      const failure = asRequestError(error);
      if (failure.code !== 'offline') onError({ kind: 'request_failed', event, error: failure });
    });
  }

  const conversations = createConversations({
    storage: options.storage?.conversations ?? createMemoryConversationStorage(),
    changes,
    onError,
  });
  // Closed from a disconnect until the next catch-up is done, so that resent messages follow
  // everything the device missed instead of racing it.
  let outboxOpen = false;
  const outbox = createOutbox({
    transmit: (request) => requester.request('message:send', request),
    isConnected: () => outboxOpen && requester.connected,
    onSent: (message) => ingest.live(message, 'new'),
    onChange: (conversationId) => changes.touch(conversationId),
    onError,
    storage: options.storage?.outbox,
    clock,
    random: options.random,
  });
  const typing = createTypingStore({
    userId,
    emit: (event, conversationId) => fireAndForget(event, { conversationId }),
    onChange: (conversationId) => changes.touch(conversationId),
    clock,
  });
  const presence = createPresenceStore({
    sendSubscription: async (userIds) =>
      (await requester.request('presence:subscribe', { userIds })).presences,
    isConnected: () => requester.connected,
    onChange: () => changes.touch(),
    onError: (error) => {
      const failure = asRequestError(error);
      if (failure.code !== 'offline')
        onError({ kind: 'request_failed', event: 'presence:subscribe', error: failure });
    },
  });
  const delivery = createDeliveryMarks({
    highSeq: (conversationId) => conversations.get(conversationId)?.highSeq,
    emit: (conversationId, seq) => fireAndForget('delivered:mark', { conversationId, seq }),
    isConnected: () => requester.connected,
    clock,
  });
  const gaps = createGapWatcher({
    conversations,
    fillGap: (conversationId) => history.fillGap(conversationId),
    requestCatchUp: () => sync.requestCatchUp(),
    clock,
  });
  const ingest = createIngest({
    userId,
    conversations,
    outbox,
    typing,
    delivery,
    gaps,
    requestCatchUp: () => sync.requestCatchUp(),
  });
  const history = createHistory({ requester, conversations, ingest, onError });
  const activity = createActivity({
    emitActivity: (active) => fireAndForget('presence:activity', { active }),
    requestStatus: async (status) => {
      await requester.request('presence:setStatus', { status });
    },
    isConnected: () => requester.connected,
  });

  let resumeAfterSync = false;
  const sync = createSync({
    requester,
    conversations,
    ingest,
    gaps,
    onSynced() {
      // Only after the catch-up: pending sends then go out behind everything they reply to.
      if (resumeAfterSync) {
        resumeAfterSync = false;
        outboxOpen = true;
        outbox.resume();
        presence.resend();
        activity.resend();
      }
      delivery.flush();
    },
    onFailed(error) {
      if (error.code === 'offline') return; // the connection is already reconnecting
      onError({ kind: 'request_failed', event: 'sync:fetch', error });
      connection.drop('sync_failed');
    },
  });

  connection.socket.onAny(
    createServerEventHandler(
      {
        userId,
        conversations,
        ingest,
        typing,
        presence,
        delivery,
        requestCatchUp: () => sync.requestCatchUp(),
      },
      onError,
    ),
  );

  connection.onChange((state, previous) => {
    changes.touch();
    if (state.status === 'connected') {
      resumeAfterSync = true;
      void sync.catchUp();
    } else if (previous.status === 'connected') {
      outboxOpen = false;
      sync.disconnected();
      typing.reset();
    }
    if (state.status === 'needs-auth')
      sync.abort(new RequestError('unauthorized', 'the session needs a new sign-in'));
    if (state.status === 'closed') {
      sync.abort(
        new RequestError(state.reason === 'stopped' ? 'stopped' : 'unsupported_protocol', state.reason),
      );
    }
  });

  function knownStore(conversationId: string) {
    const store = conversations.get(conversationId);
    if (store === undefined) throw new RequestError('not_found', 'unknown conversation');
    return store;
  }

  async function changeMessage(request: Promise<Message>): Promise<Message> {
    const message = await request;
    ingest.live(message, 'updated');
    return message;
  }

  const views = createViews({ userId, conversations, outbox, typing, changes });

  return {
    async start() {
      await Promise.all([outbox.load(), conversations.load()]);
      connection.start();
    },

    async stop() {
      connection.stop();
      outbox.stop();
      typing.reset();
      delivery.stop();
      gaps.stop();
      await Promise.all([outbox.flushed(), conversations.flushed()]);
    },

    get connectionState() {
      return connection.state;
    },

    reconnectNow: () => connection.reconnectNow(),
    setOnline: (online) => connection.setOnline(online),
    setActive: (active) => activity.setActive(active),
    setStatus: (status) => activity.setStatus(status),

    adoptState(state) {
      const store = conversations.get(state.id);
      if (store === undefined) {
        conversations.upsert(state);
        sync.requestCatchUp();
        return;
      }
      store.setState(withNewerReadState(store.state, state));
      conversations.changed(state.id);
    },

    send(conversationId, body, sendOptions = {}) {
      const checked = NewMessage.safeParse({
        conversationId,
        body,
        ...(sendOptions.replyToId !== undefined ? { replyToId: sendOptions.replyToId } : {}),
      });
      if (!checked.success) {
        throw new RequestError('bad_request', 'invalid message', {
          issues: checked.error.issues.map((issue) => ({
            path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
            message: issue.message,
          })),
        });
      }
      typing.stop(conversationId);
      return outbox.add(conversationId, body, sendOptions.replyToId).clientId;
    },

    retry: (clientId) => outbox.retry(clientId),
    discard: (clientId) => outbox.discard(clientId),

    edit: (messageId, body) => changeMessage(requester.request('message:edit', { messageId, body })),
    remove: (messageId) => changeMessage(requester.request('message:delete', { messageId })),
    react: (messageId, emoji) => changeMessage(requester.request('reaction:add', { messageId, emoji })),
    unreact: (messageId, emoji) => changeMessage(requester.request('reaction:remove', { messageId, emoji })),

    loadOlder: (conversationId, limit) => history.loadOlder(conversationId, limit),

    async markRead(conversationId, seq) {
      const target = seq ?? knownStore(conversationId).highSeq;
      const readState = await requester.request('read:mark', { conversationId, seq: target });
      const store = conversations.get(conversationId);
      if (store) {
        // An answer that lost a race with a newer read:updated must not move the cursor back.
        store.updateState((state) =>
          isNewerOrSameCursor(readState, state.me) ? withReadState(state, readState) : state,
        );
        conversations.changed(conversationId);
      }
      return readState;
    },

    async markUnread(conversationId, seq) {
      const readState = await requester.request('read:markUnread', { conversationId, seq });
      const store = conversations.get(conversationId);
      if (store) {
        store.updateState((state) => withReadState(state, readState));
        conversations.changed(conversationId);
      }
      return readState;
    },

    notifyTyping: (conversationId) => typing.notify(conversationId),
    stopTyping: (conversationId) => typing.stop(conversationId),
    subscribePresence: (userIds) => presence.subscribe(userIds),
    unsubscribePresence: (userIds) => presence.unsubscribe(userIds),

    conversations: () => views.conversations(),
    conversation: (conversationId) => views.conversation(conversationId),
    presence: (userId) => presence.get(userId),
    whenSynced: () => sync.whenSynced(),
    subscribe: (listener) => changes.subscribe(listener),

    snapshot: () => views.snapshot(),
  };
}
