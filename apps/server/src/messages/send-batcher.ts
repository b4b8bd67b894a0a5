import type { Message } from '@confab/shared';
import type { Database } from '../platform/database/prisma.js';
import {
  type NewMessageRow,
  type StoredMessageRow,
  storeMessageBatch,
} from '../platform/database/raw-sql.js';
import { newId } from '../platform/ids.js';
import type { PushCandidates } from '../push/enqueue.js';
import type { Mentions } from './mentions.js';

/** A validated send waiting for its group commit. */
export interface QueuedSend {
  senderId: string;
  conversationId: string;
  clientId: string;
  body: string;
  replyTo: { id: string; seq: number } | null;
  mentions: Mentions;
  /** Becomes the message's `createdAt`. */
  receivedAt: Date;
}

export type SendOutcome =
  /** Committed: the message as stored, the conversation's members at commit, and whom push could reach. */
  | { kind: 'stored'; message: Message; memberIds: readonly string[]; pushCandidates: PushCandidates }
  /** (senderId, clientId) was stored before: nothing written; answer with the original. */
  | { kind: 'duplicate' }
  /** The sender is not a member of the conversation (checked under its lock): nothing written. */
  | { kind: 'forbidden' };

interface Waiting extends QueuedSend {
  resolve(outcome: SendOutcome): void;
  reject(error: unknown): void;
}

export interface SendBatcherOptions {
  /** Batches in flight at once (each holds one pooled connection for its transaction). */
  maxConcurrentBatches: number;
  maxBatchMessages: number;
  maxBatchChars: number;
}

const DEFAULTS: SendBatcherOptions = {
  maxConcurrentBatches: 4,
  maxBatchMessages: 256,
  maxBatchChars: 1_000_000,
};

/** PostgreSQL errors a batch is retried after: a racing duplicate, a deadlock, a serialization failure. */
const RETRYABLE = new Set(['23505', '40P01', '40001']);

function postgresCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, meta, cause } = error as {
    code?: unknown;
    meta?: { driverAdapterError?: unknown };
    cause?: { originalCode?: unknown };
  };
  if (code === 'P2002') return '23505';
  // A raw query's failure (P2010) carries the driver adapter's error, whose cause has PostgreSQL's code.
  if (typeof cause?.originalCode === 'string') return cause.originalCode;
  return meta?.driverAdapterError === undefined ? undefined : postgresCode(meta.driverAdapterError);
}

/**
 * Group commit for sends. Sends queue here; whenever a batch slot is free, everything queued so
 * far (up to the limits) goes to PostgreSQL as one transaction (`storeMessageBatch`): one commit
 * — one WAL flush — for many messages, and a hot conversation takes its lock once per batch
 * instead of once per message. Under light load a send goes alone at once, so batching adds no
 * waiting; under heavy load batches grow by themselves while the previous ones are in flight.
 *
 * Order: a conversation is in at most one batch in flight in this process, and its queued sends
 * keep their arrival order, so one sender's sends to one conversation are stored — and their
 * outcomes resolved — in the order they arrived. Outcomes are resolved only after commit.
 *
 * A failing batch is retried (racing duplicates, deadlocks), then split: each send is stored on
 * its own, so one bad send cannot fail the others.
 */
export class SendBatcher {
  private queue: Waiting[] = [];
  private running = 0;
  private readonly busy = new Set<string>();
  private scheduled = false;
  private readonly options: SendBatcherOptions;
  /** Batches stored so far and the messages in them (for tests and diagnostics). */
  readonly stats = { batches: 0, sends: 0, largest: 0 };

  constructor(
    private readonly db: Database,
    options: Partial<SendBatcherOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  submit(send: QueuedSend): Promise<SendOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...send, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Sends that arrive in the same turn of the event loop go together.
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.options.maxConcurrentBatches && this.queue.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.running++;
      const conversations = new Set(batch.map((send) => send.conversationId));
      for (const id of conversations) this.busy.add(id);
      void this.run(batch).finally(() => {
        for (const id of conversations) this.busy.delete(id);
        this.running--;
        this.pump();
      });
    }
  }

  /** The next batch, in queue order; a conversation skipped once is skipped for the rest (FIFO). */
  private take(): Waiting[] {
    const { maxBatchMessages, maxBatchChars } = this.options;
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    const skipped = new Set<string>();
    const keys = new Set<string>();
    let chars = 0;
    for (const send of this.queue) {
      const key = `${send.senderId}:${send.clientId}`;
      const fits =
        batch.length < maxBatchMessages && (batch.length === 0 || chars + send.body.length <= maxBatchChars);
      if (!fits || skipped.has(send.conversationId) || this.busy.has(send.conversationId) || keys.has(key)) {
        // A retry of a send in this batch waits for the next one, where it finds the original.
        skipped.add(send.conversationId);
        rest.push(send);
        continue;
      }
      keys.add(key);
      chars += send.body.length;
      batch.push(send);
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: Waiting[]): Promise<void> {
    this.stats.batches++;
    this.stats.sends += batch.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    try {
      const outcomes = await this.store(batch);
      for (const [i, outcome] of outcomes.entries()) batch[i]!.resolve(outcome);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Isolate whatever failed the batch: each send on its own, in order.
      for (const send of batch) {
        try {
          const [outcome] = await this.store([send]);
          send.resolve(outcome!);
        } catch (single) {
          send.reject(single);
        }
      }
    }
  }

  private async store(batch: Waiting[]): Promise<SendOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      const rows: NewMessageRow[] = batch.map((send) => ({
        id: newId(),
        conversationId: send.conversationId,
        senderId: send.senderId,
        clientId: send.clientId,
        body: send.body,
        replyToId: send.replyTo?.id ?? null,
        replyToSeq: send.replyTo?.seq ?? null,
        mentionedUserIds: send.mentions.userIds,
        mentionsAll: send.mentions.all,
        createdAt: send.receivedAt,
      }));
      try {
        const stored = await storeMessageBatch(this.db, rows);
        return outcomes(batch, rows, stored);
      } catch (error) {
        const code = postgresCode(error);
        if (attempt >= 3 || code === undefined || !RETRYABLE.has(code)) throw error;
      }
    }
  }
}

function outcomes(batch: Waiting[], rows: NewMessageRow[], stored: StoredMessageRow[]): SendOutcome[] {
  const members = new Map<string, { ids: string[]; push: PushCandidates }>();
  for (let i = 0; i < stored.length; i++) {
    const { memberIds, pushAll, pushMentions } = stored[i]!;
    if (memberIds) {
      members.set(rows[i]!.conversationId, {
        ids: memberIds,
        push: { all: pushAll ?? [], mentionsOnly: pushMentions ?? [] },
      });
    }
  }
  return batch.map((send, i): SendOutcome => {
    const result = stored[i]!;
    const row = rows[i]!;
    if (result.duplicate) return { kind: 'duplicate' };
    if (!result.member || result.seq === null || result.changeSeq === null) return { kind: 'forbidden' };
    const message: Message = {
      id: row.id,
      conversationId: row.conversationId,
      seq: result.seq,
      changeSeq: result.changeSeq,
      senderId: row.senderId,
      clientId: row.clientId,
      kind: 'user',
      body: row.body,
      systemEvent: null,
      replyTo: send.replyTo ? { id: send.replyTo.id, seq: send.replyTo.seq } : null,
      mentions: { userIds: row.mentionedUserIds, all: row.mentionsAll },
      reactions: [],
      createdAt: row.createdAt.toISOString(),
      editedAt: null,
      deletedAt: null,
    };
    const atCommit = members.get(row.conversationId);
    return {
      kind: 'stored',
      message,
      memberIds: atCommit?.ids ?? [],
      pushCandidates: atCommit?.push ?? { all: [], mentionsOnly: [] },
    };
  });
}

const batchers = new WeakMap<Database, SendBatcher>();

/** The send batcher of a server process (one per database client). */
export function sendBatcher(db: Database): SendBatcher {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new SendBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher;
}
