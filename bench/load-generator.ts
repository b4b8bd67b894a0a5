import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PROTOCOL_VERSION } from '@confab/shared';
import {
  type ConversationStorage,
  createConfabClient,
  createMemoryConversationStorage,
  type StoredConversation,
} from '@confab/shared/client';
import { io, type Socket } from 'socket.io-client';
import type { Session } from './seed.js';
import { summarize } from './stats.js';

/**
 * The load generator: a separate process (forked by bench/run.ts, commands over IPC) that speaks
 * the real client protocol with socket.io-client. Senders and recipients live in this one process,
 * so delivery latency is measured on one clock. Every loop here is bounded in count and time.
 */

export type Traffic =
  | { kind: 'direct'; conversations: { conversationId: string; members: [string, string] }[] }
  | { kind: 'group'; conversationId: string; members: string[] };

export type Command =
  | {
      type: 'connect';
      url: string;
      sessions: Session[];
      concurrency: number;
      localAddress?: string;
      timeoutMs: number;
    }
  | {
      type: 'rateStep';
      traffic: Traffic;
      rate: number;
      durationMs: number;
      graceMs: number;
      maxOutstanding: number;
    }
  | { type: 'disconnect' }
  | { type: 'catchUpPrime'; url: string; session: Session }
  | { type: 'catchUpEngine'; url: string; session: Session; conversationId: string; timeoutMs: number }
  | {
      type: 'catchUpRaw';
      url: string;
      session: Session;
      conversationId: string;
      fromChangeSeq: number;
      limit: number;
      timeoutMs: number;
    };

export interface ConnectResult {
  connected: number;
  failed: number;
  errors: Record<string, number>;
  ms: number;
  total: number;
}

export interface StepResult {
  rate: number;
  durationMs: number;
  /** Messages emitted and the rate actually achieved. */
  sent: number;
  achievedRate: number;
  acked: number;
  ackErrors: Record<string, number>;
  /** Recipient devices other than the sender's. */
  expectedDeliveries: number;
  delivered: number;
  deliveriesPerSecond: number;
  /** Scheduled send time → recipient receive (ms): the figure the steps are judged on. */
  latency: ReturnType<typeof summarize>;
  /** Actual emit → recipient receive (ms). */
  latencyFromEmit: ReturnType<typeof summarize>;
  /** Emit → acknowledgement (ms). */
  ackLatency: ReturnType<typeof summarize>;
  /** How late the generator emitted relative to its schedule (ms). */
  scheduleLag: ReturnType<typeof summarize>;
  /** Event-loop utilisation of this generator process during the step (0..1). */
  generatorElu: number;
  aborted: string | null;
  /** message:new events for sends of an earlier step (arrived after its grace period). */
  strayDeliveries: number;
}

interface Pending {
  scheduled: number;
  emitted: number;
  expected: number;
  received: number;
  acked: boolean;
}

type Ack = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

const sockets = new Map<string, Socket>();
const allSockets: Socket[] = [];
let pending = new Map<string, Pending>();
let latencies: number[] = [];
let fromEmit: number[] = [];
let stray = 0;

let lastReceivedAt = 0;

function onMessage(userId: string) {
  return (message: { clientId: string; senderId: string }) => {
    const now = performance.now();
    lastReceivedAt = now;
    if (message.senderId === userId) return; // the sender's own device: not a delivery we time
    const entry = pending.get(message.clientId);
    if (!entry) {
      stray++;
      return;
    }
    entry.received++;
    latencies.push(now - entry.scheduled);
    fromEmit.push(now - entry.emitted);
    if (entry.received >= entry.expected && entry.acked) pending.delete(message.clientId);
  };
}

function connectOne(
  url: string,
  session: Session,
  timeoutMs: number,
  localAddress?: string,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
      auth: { token: session.token, protocolVersion: PROTOCOL_VERSION },
      ...(localAddress ? { localAddress } : {}),
    });
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('timeout'));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(error.data?.code ?? error.message));
    });
  });
}

async function connectAll(command: Extract<Command, { type: 'connect' }>): Promise<ConnectResult> {
  const started = performance.now();
  const errors: Record<string, number> = {};
  let next = 0;
  let connected = 0;
  let failed = 0;
  async function worker() {
    while (next < command.sessions.length) {
      const session = command.sessions[next++]!;
      try {
        const socket = await connectOne(command.url, session, command.timeoutMs, command.localAddress);
        socket.on('message:new', onMessage(session.userId));
        if (!sockets.has(session.userId)) sockets.set(session.userId, socket);
        allSockets.push(socket);
        connected++;
      } catch (error) {
        failed++;
        const key = (error as Error).message.slice(0, 80);
        errors[key] = (errors[key] ?? 0) + 1;
        // Stop early once connections clearly fail: the caller reports where it stopped.
        if (failed > 100 && failed > connected / 50) return;
      }
    }
  }
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  return { connected, failed, errors, ms: Math.round(performance.now() - started), total: allSockets.length };
}

const BODY = 'benchmark message — about the length of an ordinary chat line, no mentions, no links';

async function rateStep(command: Extract<Command, { type: 'rateStep' }>): Promise<StepResult> {
  const { traffic, rate, durationMs, graceMs, maxOutstanding } = command;
  pending = new Map();
  latencies = [];
  fromEmit = [];
  stray = 0;
  const lags: number[] = [];
  const ackLatencies: number[] = [];
  const ackErrors: Record<string, number> = {};
  const total = Math.round((rate * durationMs) / 1000);
  const interval = 1000 / rate;
  let sent = 0;
  let acked = 0;
  let expectedDeliveries = 0;
  let aborted: string | null = null;
  const elu = performance.eventLoopUtilization();
  const start = performance.now() + 20;

  function target(i: number): { senderId: string; conversationId: string; recipients: number } {
    if (traffic.kind === 'direct') {
      const conversation = traffic.conversations[i % traffic.conversations.length]!;
      const round = Math.floor(i / traffic.conversations.length);
      return {
        senderId: conversation.members[round % 2]!,
        conversationId: conversation.conversationId,
        recipients: 1,
      };
    }
    return {
      senderId: traffic.members[i % traffic.members.length]!,
      conversationId: traffic.conversationId,
      recipients: traffic.members.length - 1,
    };
  }

  function send(i: number, scheduled: number) {
    const { senderId, conversationId, recipients } = target(i);
    const socket = sockets.get(senderId);
    if (!socket) throw new Error(`no connection for sender ${senderId}`);
    const clientId = randomUUID();
    const emitted = performance.now();
    const entry: Pending = { scheduled, emitted, expected: recipients, received: 0, acked: false };
    pending.set(clientId, entry);
    expectedDeliveries += recipients;
    lags.push(emitted - scheduled);
    socket.emit('message:send', { conversationId, clientId, body: BODY }, (answer: Ack) => {
      ackLatencies.push(performance.now() - emitted);
      if (answer.ok) {
        acked++;
        entry.acked = true;
        if (entry.received >= entry.expected) pending.delete(clientId);
      } else {
        ackErrors[answer.error.code] = (ackErrors[answer.error.code] ?? 0) + 1;
        pending.delete(clientId);
        expectedDeliveries -= recipients;
      }
    });
    sent++;
  }

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        if (pending.size > maxOutstanding) {
          aborted = `more than ${maxOutstanding} messages outstanding`;
          return resolve();
        }
        send(sent, start + sent * interval);
      }
      if (sent >= total) return resolve();
      setTimeout(tick, Math.min(1, Math.max(0, start + sent * interval - performance.now())));
    };
    setTimeout(tick, 20);
  });
  const sendingMs = performance.now() - start;
  // Wait (bounded) for the acknowledgements and deliveries still on their way.
  const deadline = performance.now() + graceMs;
  while (pending.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const used = performance.eventLoopUtilization(elu);
  const delivered = latencies.length;
  // An overloaded server still works through its backlog: let it finish (bounded) so that the
  // next step starts from an idle server.
  const drainDeadline = performance.now() + 30_000;
  while (performance.now() - lastReceivedAt < 1_000 && performance.now() < drainDeadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    rate,
    durationMs,
    sent,
    achievedRate: Math.round((sent / Math.max(sendingMs, 1)) * 1000),
    acked,
    ackErrors,
    expectedDeliveries,
    delivered,
    deliveriesPerSecond: Math.round((delivered / Math.max(sendingMs, 1)) * 1000),
    latency: summarize(latencies),
    latencyFromEmit: summarize(fromEmit),
    ackLatency: summarize(ackLatencies),
    scheduleLag: summarize(lags),
    generatorElu: Math.round(used.utilization * 100) / 100,
    aborted: aborted as string | null,
    strayDeliveries: stray,
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// The device's stored conversations as the priming run left them; every measured run starts
// from a copy, so each one has the same messages to catch up on.
let primed: StoredConversation[] = [];

function engineClient(url: string, session: Session, storage: ConversationStorage) {
  return createConfabClient({
    url,
    userId: session.userId,
    getAccessToken: async () => session.token,
    storage: { conversations: storage },
    socketOptions: { transports: ['websocket'] },
    requestTimeoutMs: 30_000,
  });
}

async function catchUpPrime(command: Extract<Command, { type: 'catchUpPrime' }>) {
  const storage = createMemoryConversationStorage();
  const client = engineClient(command.url, command.session, storage);
  await client.start();
  await withTimeout(client.whenSynced(), 30_000, 'first sync');
  await client.stop();
  primed = structuredClone(await storage.load());
  return { conversations: primed.map((c) => ({ id: c.state.id, changeSeq: c.changeSeq })) };
}

async function catchUpEngine(command: Extract<Command, { type: 'catchUpEngine' }>) {
  const storage = createMemoryConversationStorage();
  for (const conversation of structuredClone(primed)) await storage.save(conversation);
  const client = engineClient(command.url, command.session, storage);
  const started = performance.now();
  await client.start();
  await withTimeout(client.whenSynced(), command.timeoutMs, 'catch-up');
  const ms = performance.now() - started;
  const messages = client.conversation(command.conversationId)?.messages.length ?? 0;
  await client.stop();
  return { ms: Math.round(ms), messages };
}

async function catchUpRaw(command: Extract<Command, { type: 'catchUpRaw' }>) {
  const socket = await connectOne(command.url, command.session, 10_000);
  try {
    const started = performance.now();
    let cursor = command.fromChangeSeq;
    let messages = 0;
    let pages = 0;
    for (; pages < 1_000; ) {
      const answer = await withTimeout(
        new Promise<Ack>((resolve) =>
          socket.emit(
            'sync:fetch',
            {
              cursors: [{ conversationId: command.conversationId, changeSeq: cursor }],
              limit: command.limit,
            },
            resolve,
          ),
        ),
        command.timeoutMs,
        'sync:fetch',
      );
      if (!answer.ok) throw new Error(`sync:fetch failed: ${answer.error.code} ${answer.error.message}`);
      pages++;
      const page = answer.data as {
        hasMore: boolean;
        conversations: { state: { id: string }; messages: unknown[]; changeSeq: number }[];
      };
      const entry = page.conversations.find((c) => c.state.id === command.conversationId);
      messages += entry?.messages.length ?? 0;
      cursor = entry?.changeSeq ?? cursor;
      if (!page.hasMore) break;
    }
    return { ms: Math.round(performance.now() - started), messages, pages };
  } finally {
    socket.close();
  }
}

async function handle(command: Command): Promise<unknown> {
  switch (command.type) {
    case 'connect':
      return connectAll(command);
    case 'rateStep':
      return rateStep(command);
    case 'disconnect': {
      for (const socket of allSockets) socket.close();
      const closed = allSockets.length;
      allSockets.length = 0;
      sockets.clear();
      return { closed };
    }
    case 'catchUpPrime':
      return catchUpPrime(command);
    case 'catchUpEngine':
      return catchUpEngine(command);
    case 'catchUpRaw':
      return catchUpRaw(command);
  }
}

let queue: Promise<void> = Promise.resolve();
process.on('message', (raw: { id: number; command: Command }) => {
  queue = queue.then(async () => {
    try {
      process.send?.({ id: raw.id, ok: true, data: await handle(raw.command) });
    } catch (error) {
      process.send?.({ id: raw.id, ok: false, error: (error as Error).stack ?? String(error) });
    }
  });
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
