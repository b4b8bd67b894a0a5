import { z } from 'zod';
import { ErrorBody, type ErrorCode, type Message, type SendMessage } from '../protocol/index.js';
import { backoffDelay } from './backoff.js';
import { type Clock, systemClock, type TimerHandle } from './clock.js';
import { asRequestError, type ErrorReporter, type LocalErrorCode } from './errors.js';

const OutboxMessage = z.object({
  clientId: z.string(),
  conversationId: z.string(),
  body: z.string(),
  replyToId: z.string().nullable(),
  createdAt: z.string(),
});

export const OutboxEntry = z.discriminatedUnion('state', [
  OutboxMessage.extend({ state: z.literal('pending') }),
  OutboxMessage.extend({ state: z.literal('sending') }),
  OutboxMessage.extend({ state: z.literal('failed'), error: ErrorBody }),
]);
/** A message written on this device that the server has not confirmed yet. */
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export interface OutboxStorage {
  load(): Promise<OutboxEntry[]>;
  save(entries: OutboxEntry[]): Promise<void>;
}

export function createMemoryOutboxStorage(): OutboxStorage {
  let saved: OutboxEntry[] = [];
  return {
    load: async () => [...saved],
    save: async (entries) => {
      saved = [...entries];
    },
  };
}

export interface OutboxOptions {
  /** Sends one message (`message:send`); rejects with a RequestError. */
  transmit(request: SendMessage): Promise<Message>;
  isConnected(): boolean;
  /** The server acknowledged a send with this message. */
  onSent?(message: Message): void;
  onChange?(conversationId: string): void;
  onError?: ErrorReporter;
  storage?: OutboxStorage;
  clock?: Clock;
  random?: () => number;
  newClientId?: () => string;
}

export interface Outbox {
  load(): Promise<void>;
  add(conversationId: string, body: string, replyToId?: string): OutboxEntry;
  /** Failed → pending. */
  retry(clientId: string): boolean;
  discard(clientId: string): boolean;
  /** The entry's message arrived (ack, live event or catch-up): it is no longer pending. */
  reconcile(clientId: string): void;
  /** After a (re)connect and catch-up: send what is due, without waiting out earlier backoff. */
  resume(): void;
  entries(conversationId?: string): readonly OutboxEntry[];
  stop(): void;
  /** Resolves once every change so far is in storage. */
  flushed(): Promise<void>;
}

/** Refusals that a resend cannot change: the entry fails and waits for the user. */
const PERMANENT: ReadonlySet<ErrorCode | LocalErrorCode> = new Set([
  'bad_request',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_response',
]);

function asPending(entry: OutboxEntry): OutboxEntry {
  const { clientId, conversationId, body, replyToId, createdAt } = entry;
  return { clientId, conversationId, body, replyToId, createdAt, state: 'pending' };
}

type Hold = { handle: TimerHandle; reason: 'rate_limited' | 'backoff' };

/**
 * Pending sends in the order they were written. At most one send per conversation is in flight,
 * so a conversation's messages never overtake each other; conversations do not wait for each other.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const clock = options.clock ?? systemClock;
  const storage = options.storage ?? createMemoryOutboxStorage();
  const newClientId = options.newClientId ?? (() => crypto.randomUUID());
  const report = options.onError ?? (() => {});

  let entries: OutboxEntry[] = [];
  const holds = new Map<string, Hold>();
  const transientFailures = new Map<string, number>();
  let saving: Promise<void> = Promise.resolve();
  let saveQueued = false;

  function persist() {
    if (saveQueued) return;
    saveQueued = true;
    saving = saving.then(async () => {
      saveQueued = false;
      // 'sending' is not a state to come back to: after a restart it has to be sent again.
      const stored = entries.map((entry) => (entry.state === 'sending' ? asPending(entry) : entry));
      await storage
        .save(stored)
        .catch((error: unknown) => report({ kind: 'storage', operation: 'outbox.save', error }));
    });
  }

  function update(
    clientId: string,
    change: (entry: OutboxEntry) => OutboxEntry | null,
  ): OutboxEntry | undefined {
    const index = entries.findIndex((entry) => entry.clientId === clientId);
    const entry = entries[index];
    if (entry === undefined) return undefined;
    const next = change(entry);
    entries = next ? entries.with(index, next) : entries.toSpliced(index, 1);
    persist();
    options.onChange?.(entry.conversationId);
    return entry;
  }

  function hold(conversationId: string, reason: Hold['reason'], ms: number) {
    const existing = holds.get(conversationId);
    if (existing) clock.clearTimeout(existing.handle);
    const handle = clock.setTimeout(() => {
      holds.delete(conversationId);
      pump();
    }, ms);
    holds.set(conversationId, { handle, reason });
  }

  function pump() {
    if (!options.isConnected()) return;
    const busy = new Set(
      entries.filter((entry) => entry.state === 'sending').map((entry) => entry.conversationId),
    );
    for (const entry of entries) {
      if (entry.state !== 'pending' || busy.has(entry.conversationId) || holds.has(entry.conversationId))
        continue;
      busy.add(entry.conversationId);
      send(entry);
    }
  }

  function send(entry: OutboxEntry) {
    update(entry.clientId, (current) => ({ ...current, state: 'sending' }));
    const request: SendMessage = {
      conversationId: entry.conversationId,
      clientId: entry.clientId,
      body: entry.body,
      ...(entry.replyToId !== null ? { replyToId: entry.replyToId } : {}),
    };
    options.transmit(request).then(
      (message) => {
        transientFailures.delete(entry.clientId);
        update(entry.clientId, () => null);
        options.onSent?.(message);
        pump();
      },
      (reason: unknown) => {
        failed(entry, reason);
        pump();
      },
    );
  }

  function failed(entry: OutboxEntry, reason: unknown) {
    const error = asRequestError(reason);
    const { clientId, conversationId } = entry;
    if (!entries.some((current) => current.clientId === clientId)) return; // arrived or discarded meanwhile
    if (PERMANENT.has(error.code)) {
      transientFailures.delete(clientId);
      update(clientId, (current) => ({ ...current, state: 'failed', error: error.toBody() }));
      return;
    }
    update(clientId, (current) => (current.state === 'sending' ? asPending(current) : current));
    if (error.code === 'offline') return; // the next connect resends it
    if (error.code === 'rate_limited' && error.retryAfterMs !== undefined) {
      hold(conversationId, 'rate_limited', error.retryAfterMs);
      return;
    }
    const attempt = transientFailures.get(clientId) ?? 0;
    transientFailures.set(clientId, attempt + 1);
    hold(conversationId, 'backoff', backoffDelay(attempt, { random: options.random }));
  }

  return {
    async load() {
      const loaded = await storage.load().catch((error: unknown) => {
        report({ kind: 'storage', operation: 'outbox.load', error });
        return [];
      });
      const restored: OutboxEntry[] = [];
      for (const raw of loaded) {
        const parsed = OutboxEntry.safeParse(raw);
        if (!parsed.success) report({ kind: 'storage', operation: 'outbox.load', error: parsed.error });
        else restored.push(parsed.data.state === 'sending' ? asPending(parsed.data) : parsed.data);
      }
      const known = new Set(entries.map((entry) => entry.clientId));
      entries = [...restored.filter((entry) => !known.has(entry.clientId)), ...entries];
      for (const entry of restored) options.onChange?.(entry.conversationId);
      pump();
    },

    add(conversationId, body, replyToId) {
      const entry: OutboxEntry = {
        clientId: newClientId(),
        conversationId,
        body,
        replyToId: replyToId ?? null,
        createdAt: new Date(clock.now()).toISOString(),
        state: 'pending',
      };
      entries = [...entries, entry];
      persist();
      options.onChange?.(conversationId);
      pump();
      return entry;
    },

    retry(clientId) {
      const entry = entries.find((candidate) => candidate.clientId === clientId);
      if (entry?.state !== 'failed') return false;
      update(clientId, asPending);
      pump();
      return true;
    },

    discard(clientId) {
      transientFailures.delete(clientId);
      return update(clientId, () => null) !== undefined;
    },

    reconcile(clientId) {
      transientFailures.delete(clientId);
      if (update(clientId, () => null)) pump();
    },

    resume() {
      for (const [conversationId, { handle, reason }] of holds) {
        if (reason !== 'backoff') continue;
        clock.clearTimeout(handle);
        holds.delete(conversationId);
      }
      pump();
    },

    entries(conversationId) {
      return conversationId === undefined
        ? entries
        : entries.filter((entry) => entry.conversationId === conversationId);
    },

    stop() {
      for (const { handle } of holds.values()) clock.clearTimeout(handle);
      holds.clear();
    },
    flushed: () => saving,
  };
}
