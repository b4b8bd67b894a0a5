import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SearchRequest, SearchResults, Session } from '@confab/shared';
import type { EngineQuery } from '../search/engine.js';
import { indexJobId } from '../search/index-queue.js';
import type { TestWorld } from './test-world.js';

/** An engine query with no words and no filters, newest first: a test sets what it is about. */
export function engineQuery(query: Pick<EngineQuery, 'conversationIds'> & Partial<EngineQuery>): EngineQuery {
  return {
    include: [],
    exclude: [],
    senderIds: null,
    since: null,
    until: null,
    hasLink: false,
    hasFile: false,
    mentioning: null,
    sort: 'newest',
    limit: 20,
    after: null,
    ...query,
  };
}

/**
 * Waits until the index job of this change of the message has run (the index then reflects it).
 * Polls the job's state; fails at once if the job failed for good.
 */
export async function indexed(
  world: TestWorld,
  message: { id: string; changeSeq: number },
  timeoutMs = 20_000,
): Promise<void> {
  const queue = world.server.context.jobs.queues.searchIndex;
  const jobId = indexJobId(message.id, message.changeSeq);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await queue.getJobState(jobId);
    if (state === 'completed') return;
    if (state === 'failed') {
      const job = await queue.getJob(jobId);
      throw new Error(`index job ${jobId} failed: ${job?.failedReason}`);
    }
    if (Date.now() > deadline) throw new Error(`index job ${jobId} still ${state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until a job has failed at least `attempts` times (and is waiting to be retried). */
export async function failedAttempts(world: TestWorld, jobId: string, attempts = 1, timeoutMs = 20_000) {
  const queue = world.server.context.jobs.queues.searchIndex;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await queue.getJob(jobId);
    if (job && job.attemptsMade >= attempts && (await job.getState()) !== 'completed') return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not fail ${attempts} time(s)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function search(world: TestWorld, session: Session, body: SearchRequest) {
  return world.http<SearchResults & { code?: string; message?: string }>('POST', '/api/search', {
    token: session.accessToken,
    body,
  });
}

/** The ids of the messages a search finds (all pages), asserting it succeeded. */
export async function found(world: TestWorld, session: Session, body: SearchRequest): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const response = await search(world, session, { ...body, ...(cursor ? { cursor } : {}) });
    if (response.status !== 200) {
      throw new Error(
        `search ${JSON.stringify(body)} answered ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    ids.push(...response.body.results.map((result) => result.message.id));
    if (!response.body.nextCursor) return ids;
    cursor = response.body.nextCursor;
  }
  throw new Error('more than 20 pages');
}

/**
 * An HTTP proxy in front of a search server that can be taken down and brought back, to see
 * index jobs fail, retry and catch up.
 */
export async function startOutageProxy(target: string) {
  const upstream = new URL(target);
  let down = false;
  const server = http.createServer((request, response) => {
    if (down) {
      request.socket.destroy();
      return;
    }
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: upstream.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => response.destroy());
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    takeDown() {
      down = true;
      server.closeAllConnections();
    },
    bringBack() {
      down = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
