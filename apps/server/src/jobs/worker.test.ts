import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { indexJobId } from '../search/index-queue.js';
import { group } from '../test-support/fixtures.js';
import { found, indexed } from '../test-support/search.js';
import { newClientId, ok, useTestWorld } from '../test-support/test-world.js';

const WORKER = fileURLToPath(new URL('../worker.ts', import.meta.url));

describe('npm run worker', () => {
  const world = useTestWorld({ runJobWorkers: false });

  it('runs the jobs that a server without workers enqueues', async () => {
    const alice = await world.signUp('alice');
    const room = await group(world, alice, [], { name: 'Work' });
    const socket = await world.connect(alice);
    const message = await ok(socket, 'message:send', {
      conversationId: room.id,
      clientId: newClientId(),
      body: 'offloaded',
    });
    const queue = world.server.context.jobs.queues.searchIndex;
    const jobId = indexJobId(message.id, message.changeSeq);
    await expect.poll(() => queue.getJobState(jobId)).toBe('waiting');

    let output = '';
    const worker: ChildProcess = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', WORKER], {
      env: { ...process.env, DATABASE_URL: world.databaseUrl, REDIS_URL: world.redisUrl, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)));
    try {
      await indexed(world, message);
      expect(await found(world, alice, { query: 'offloaded' })).toEqual([message.id]);
      expect(output).toContain('confab worker running');
    } finally {
      worker.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
  });
});
