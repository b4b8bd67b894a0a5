import net from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createEmptyTestDatabase, createTestDatabase } from './database.js';
import { startRedis } from './redis.js';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

describe('createTestDatabase', () => {
  it('gives each caller its own migrated database, and drops it', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(a.url).not.toBe(b.url);
      const migrations = await query<{ count: number }>(
        a.url,
        'SELECT count(*)::int AS count FROM "_prisma_migrations" WHERE finished_at IS NOT NULL',
      );
      expect(migrations[0]?.count).toBeGreaterThan(0);

      await query(
        a.url,
        `INSERT INTO "User" (id, username, "displayName", "passwordHash")
                          VALUES ('00000000-0000-4000-8000-000000000001', 'ada', 'Ada', 'x')`,
      );
      expect(await query(a.url, 'SELECT username FROM "User"')).toEqual([{ username: 'ada' }]);
      expect(await query(b.url, 'SELECT username FROM "User"')).toEqual([]);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
    await expect(query(a.url, 'SELECT 1')).rejects.toThrow(/does not exist/);
  });

  it('can give an empty database', async () => {
    const db = await createEmptyTestDatabase();
    try {
      expect(
        await query(db.url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`),
      ).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});

describe('startRedis', () => {
  it('starts a real Redis on a loopback port and stops it', async () => {
    const redis = await startRedis();
    const client = new Redis(redis.url, { maxRetriesPerRequest: 0, lazyConnect: true });
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      await client.connect();
      await client.set('greeting', 'hello');
      expect(await client.get('greeting')).toBe('hello');
      expect(await client.config('GET', 'save')).toEqual(['save', '']);
    } finally {
      client.disconnect();
      await redis.stop();
    }
    expect(await portIsOpen(redis.port)).toBe(false);
  });
});
