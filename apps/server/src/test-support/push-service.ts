import { execFileSync } from 'node:child_process';
import { createECDH, type ECDH, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type PushPayload, PushPayload as PushPayloadSchema } from '@confab/shared';
import * as ece from 'http_ece';
import { afterAll, beforeAll } from 'vitest';

/** One push message as the push service received it, decrypted with the browser's keys. */
export interface ReceivedPush {
  subscriptionId: string;
  payload: PushPayload;
  /** The raw JSON the browser would see. */
  text: string;
  topic: string | undefined;
  urgency: string | undefined;
  ttl: string | undefined;
  /** `vapid t=<JWT>, k=<public key>` */
  authorization: string | undefined;
}

/** A browser's push subscription: a real P-256 key pair and auth secret, like `PushManager.subscribe`. */
export interface TestSubscription {
  id: string;
  /** The body of POST /api/push/subscriptions. */
  json: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  /** What reached this subscription, in order. */
  received(): ReceivedPush[];
  /** Requests to its endpoint, answered with any status. */
  requests(): number;
  /** Answer the next requests with these statuses (then 201 again): 410 gone, 500 failing, ... */
  answer(...statuses: number[]): void;
  /** Hold the answer to the next request this long (the sender's job stays busy meanwhile). */
  answerSlowly(ms: number): void;
}

/**
 * A local Web Push service for tests: HTTPS on 127.0.0.1 with a self-signed certificate (the
 * server trusts it through PUSH_CA_FILE), which decrypts what it receives (aes128gcm, RFC 8291).
 */
export interface TestPushService {
  /** The certificate to trust (PUSH_CA_FILE). */
  caFile: string;
  subscribe(): TestSubscription;
  /** Everything received, by any subscription. */
  all(): ReceivedPush[];
}

interface Endpoint {
  ecdh: ECDH;
  auth: string;
  received: ReceivedPush[];
  requests: number;
  statuses: number[];
  delays: number[];
}

function selfSignedCertificate(dir: string): { key: string; cert: string } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { key, cert };
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Starts the push service before the file's tests and stops it after; `caFile` is known at once. */
export function usePushService(): TestPushService {
  const dir = mkdtempSync(path.join(tmpdir(), 'confab-push-'));
  const files = selfSignedCertificate(dir);
  const endpoints = new Map<string, Endpoint>();
  const all: ReceivedPush[] = [];
  let origin = '';

  const server = https.createServer(
    { key: readFileSync(files.key), cert: readFileSync(files.cert) },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const id = /^\/push\/([\w-]+)$/.exec(request.url ?? '')?.[1];
        const endpoint = id ? endpoints.get(id) : undefined;
        if (!id || !endpoint) {
          response.writeHead(404).end();
          return;
        }
        endpoint.requests += 1;
        const status = endpoint.statuses.shift() ?? 201;
        if (status === 201) {
          const text = ece
            .decrypt(Buffer.concat(chunks), {
              version: 'aes128gcm',
              privateKey: endpoint.ecdh,
              authSecret: endpoint.auth,
            })
            .toString('utf8');
          const received: ReceivedPush = {
            subscriptionId: id,
            payload: PushPayloadSchema.parse(JSON.parse(text)),
            text,
            topic: header(request.headers.topic),
            urgency: header(request.headers.urgency),
            ttl: header(request.headers.ttl),
            authorization: header(request.headers.authorization),
          };
          endpoint.received.push(received);
          all.push(received);
        }
        const delay = endpoint.delays.shift() ?? 0;
        setTimeout(() => response.writeHead(status).end(), delay);
      });
    },
  );

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  return {
    caFile: files.cert,
    all: () => [...all],
    subscribe() {
      if (!origin) throw new Error('the push service starts in beforeAll');
      const id = randomUUID();
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const endpoint: Endpoint = {
        ecdh,
        auth: randomBytes(16).toString('base64url'),
        received: [],
        requests: 0,
        statuses: [],
        delays: [],
      };
      endpoints.set(id, endpoint);
      return {
        id,
        json: {
          endpoint: `${origin}/push/${id}`,
          expirationTime: null,
          keys: { p256dh: ecdh.getPublicKey('base64url'), auth: endpoint.auth },
        },
        received: () => [...endpoint.received],
        requests: () => endpoint.requests,
        answer: (...statuses) => endpoint.statuses.push(...statuses),
        answerSlowly: (ms) => endpoint.delays.push(ms),
      };
    },
  };
}

/** Polls until `check` holds (the way to wait for something asynchronous, not a sleep). */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
