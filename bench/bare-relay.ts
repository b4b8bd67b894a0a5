import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

/**
 * The ceiling the benchmark compares Confab with: a bare Socket.IO relay on the same machine,
 * speaking the same events to the same load generator — `message:send` acknowledged with a
 * message of the same shape and relayed as `message:new` to the members' user rooms — but with
 * no persistence, no validation, no authentication check (the token's subject is taken as the
 * user id unverified), no rate limit and no Redis adapter (in-memory rooms only).
 *
 * Env: PORT, BENCH_MEMBERS_FILE (JSON `{ [conversationId]: userId[] }`).
 */

const members: Record<string, string[]> = JSON.parse(readFileSync(process.env.BENCH_MEMBERS_FILE!, 'utf8'));
const rooms = new Map(Object.entries(members).map(([id, userIds]) => [id, userIds.map((u) => `user:${u}`)]));
const seqs = new Map<string, number>();

const http = createServer((request, response) => {
  response.writeHead(request.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' });
  response.end('{"ok":true}');
});
const io = new Server(http, {
  transports: ['websocket', 'polling'],
  serveClient: false,
  maxHttpBufferSize: 1024 * 1024,
});

function subjectOf(token: unknown): string | null {
  if (typeof token !== 'string') return null;
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}

interface SendRequest {
  conversationId: string;
  clientId: string;
  body: string;
}

io.on('connection', (socket) => {
  const userId = subjectOf((socket.handshake.auth as { token?: unknown }).token);
  if (!userId) {
    socket.disconnect(true);
    return;
  }
  socket.join(`user:${userId}`);
  socket.on('message:send', (request: SendRequest, ack?: (answer: unknown) => void) => {
    const to = rooms.get(request.conversationId) ?? [];
    const seq = (seqs.get(request.conversationId) ?? 0) + 1;
    seqs.set(request.conversationId, seq);
    const message = {
      id: randomUUID(),
      conversationId: request.conversationId,
      seq,
      changeSeq: seq,
      senderId: userId,
      clientId: request.clientId,
      kind: 'user',
      body: request.body,
      systemEvent: null,
      replyTo: null,
      mentions: { userIds: [], all: false },
      reactions: [],
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
    };
    ack?.({ ok: true, data: message });
    if (to.length > 0) io.to(to).emit('message:new', message);
  });
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    io.close();
    process.exit(0);
  });
}
