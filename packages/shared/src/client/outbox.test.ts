import { beforeEach, describe, expect, it } from 'vitest';
import type { Message, SendMessage } from '../protocol/index.js';
import { createManualClock, type ManualClock } from './clock.js';
import { RequestError } from './errors.js';
import { createMemoryOutboxStorage, createOutbox, type Outbox, type OutboxStorage } from './outbox.js';
import { CONVERSATION, ME, message, OTHER_CONVERSATION, uuid } from './testing/fixtures.js';

/** Stands in for `message:send` over the socket: each call waits until the test answers it. */
function fakeTransmit() {
  const calls: { request: SendMessage; resolve(message: Message): void; reject(error: unknown): void }[] = [];
  return {
    calls,
    transmit: (request: SendMessage) =>
      new Promise<Message>((resolve, reject) => calls.push({ request, resolve, reject })),
    /** Answers the oldest unanswered call. */
    next() {
      const call = calls.shift();
      if (!call) throw new Error('nothing was sent');
      return call;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const delivered = (request: SendMessage, seq: number) =>
  message(seq, {
    conversationId: request.conversationId,
    clientId: request.clientId,
    senderId: ME,
    body: request.body,
  });

describe('outbox', () => {
  let clock: ManualClock;
  let server: ReturnType<typeof fakeTransmit>;
  let connection: { connected: boolean };
  let storage: OutboxStorage;
  let sent: Message[];
  let ids: number;
  let outbox: Outbox;

  function create() {
    return createOutbox({
      transmit: server.transmit,
      isConnected: () => connection.connected,
      onSent: (delivered) => sent.push(delivered),
      storage,
      clock,
      random: () => 0.5,
      newClientId: () => uuid(900 + ids++),
    });
  }

  beforeEach(() => {
    clock = createManualClock(Date.UTC(2026, 0, 1));
    server = fakeTransmit();
    connection = { connected: true };
    storage = createMemoryOutboxStorage();
    sent = [];
    ids = 0;
    outbox = create();
  });

  const states = (conversationId?: string) => outbox.entries(conversationId).map((entry) => entry.state);

  it('sends a message at once while connected and forgets it when acknowledged', async () => {
    const entry = outbox.add(CONVERSATION, 'hello');
    expect(states()).toEqual(['sending']);
    const call = server.next();
    expect(call.request).toEqual({ conversationId: CONVERSATION, clientId: entry.clientId, body: 'hello' });
    call.resolve(delivered(call.request, 1));
    await settle();
    expect(outbox.entries()).toEqual([]);
    expect(sent.map((m) => m.clientId)).toEqual([entry.clientId]);
  });

  it('keeps a message written offline pending and sends it on the next connect', () => {
    connection.connected = false;
    const entry = outbox.add(CONVERSATION, 'written on the train', uuid(77));
    expect(states()).toEqual(['pending']);
    expect(server.calls).toHaveLength(0);
    connection.connected = true;
    outbox.resume();
    expect(server.next().request).toEqual({
      conversationId: CONVERSATION,
      clientId: entry.clientId,
      body: 'written on the train',
      replyToId: uuid(77),
    });
  });

  it('a disconnect during a send leaves it pending, and it is resent with the same clientId', async () => {
    const entry = outbox.add(CONVERSATION, 'hello');
    connection.connected = false;
    server.next().reject(new RequestError('offline', 'socket has been disconnected'));
    await settle();
    expect(states()).toEqual(['pending']);
    connection.connected = true;
    outbox.resume();
    expect(server.next().request.clientId).toBe(entry.clientId);
  });

  it('a send that times out stays pending and is resent with the same clientId', async () => {
    const entry = outbox.add(CONVERSATION, 'hello');
    server.next().reject(new RequestError('timeout', 'operation has timed out'));
    await settle();
    expect(states()).toEqual(['pending']);
    clock.advance(250); // full jitter of the first backoff window, with random() = 0.5
    expect(server.next().request.clientId).toBe(entry.clientId);
  });

  it('a refused send fails and is not retried by itself', async () => {
    outbox.add(CONVERSATION, 'hello');
    server.next().reject(new RequestError('forbidden', 'not a member'));
    await settle();
    expect(outbox.entries()[0]).toMatchObject({
      state: 'failed',
      error: { code: 'forbidden', message: 'not a member' },
    });
    outbox.resume();
    clock.advance(60_000);
    expect(server.calls).toHaveLength(0);
  });

  it('a failed send is retried with the same clientId', async () => {
    const entry = outbox.add(CONVERSATION, 'hello');
    server.next().reject(new RequestError('bad_request', 'too long'));
    await settle();
    expect(outbox.retry(entry.clientId)).toBe(true);
    expect(server.next().request.clientId).toBe(entry.clientId);
    expect(outbox.retry(entry.clientId)).toBe(false); // it is sending, not failed
  });

  it('a rate-limited send waits the time the server asks for, then goes again', async () => {
    outbox.add(CONVERSATION, 'hello');
    server.next().reject(new RequestError('rate_limited', 'slow down', { retryAfterMs: 2_000 }));
    await settle();
    clock.advance(1_999);
    expect(server.calls).toHaveLength(0);
    clock.advance(1);
    expect(server.calls).toHaveLength(1);
  });

  it("one conversation's sends never overtake each other", async () => {
    outbox.add(CONVERSATION, 'first');
    outbox.add(CONVERSATION, 'second');
    expect(states()).toEqual(['sending', 'pending']);
    const first = server.next();
    expect(server.calls).toHaveLength(0);
    first.resolve(delivered(first.request, 1));
    await settle();
    expect(server.next().request.body).toBe('second');
  });

  it('a conversation waiting on a send does not hold up another', () => {
    outbox.add(CONVERSATION, 'first');
    outbox.add(CONVERSATION, 'second');
    outbox.add(OTHER_CONVERSATION, 'elsewhere');
    expect(server.calls.map((call) => call.request.body)).toEqual(['first', 'elsewhere']);
  });

  it('a failed message does not block the ones written after it', async () => {
    outbox.add(CONVERSATION, 'x'.repeat(20));
    outbox.add(CONVERSATION, 'fine');
    server.next().reject(new RequestError('bad_request', 'too long'));
    await settle();
    expect(server.next().request.body).toBe('fine');
  });

  it('its message arriving by another way (message:new, catch-up) removes the entry and sends the next', () => {
    const first = outbox.add(CONVERSATION, 'first');
    outbox.add(CONVERSATION, 'second');
    server.next();
    outbox.reconcile(first.clientId);
    expect(outbox.entries().map((entry) => entry.body)).toEqual(['second']);
    expect(server.next().request.body).toBe('second');
  });

  it('survives a restart through its storage; what was being sent is pending again', async () => {
    const entry = outbox.add(CONVERSATION, 'hello');
    connection.connected = false;
    outbox.add(CONVERSATION, 'second');
    await settle();
    const restarted = create();
    await restarted.load();
    expect(restarted.entries()).toMatchObject([
      { clientId: entry.clientId, state: 'pending', body: 'hello' },
      { state: 'pending', body: 'second' },
    ]);
    connection.connected = true;
    restarted.resume();
    expect(server.calls.at(-1)?.request.clientId).toBe(entry.clientId);
  });

  it('drops unreadable stored entries', async () => {
    await storage.save([{ nonsense: true } as never]);
    const reports: unknown[] = [];
    const restarted = createOutbox({
      transmit: server.transmit,
      isConnected: () => false,
      storage,
      onError: (report) => reports.push(report),
    });
    await restarted.load();
    expect(restarted.entries()).toEqual([]);
    expect(reports).toHaveLength(1);
  });

  it('discards an entry on request', async () => {
    const entry = outbox.add(CONVERSATION, 'hello');
    server.next().reject(new RequestError('not_found', 'no such conversation'));
    await settle();
    expect(outbox.discard(entry.clientId)).toBe(true);
    expect(outbox.entries()).toEqual([]);
  });
});
