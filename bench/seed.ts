import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { signAccessToken } from '../apps/server/src/accounts/tokens.js';

/**
 * Seeds the benchmark's users, devices and conversations straight into PostgreSQL (no HTTP, no
 * argon2: nobody signs in with a password), and mints access tokens with the server's secret.
 */

export interface BenchDevice {
  userId: string;
  deviceId: string;
}

export interface Session extends BenchDevice {
  token: string;
}

export interface Seeded {
  /** One device per user: user i's first device. */
  users: BenchDevice[];
  /** Direct conversations: users 2k and 2k+1. */
  directs: { conversationId: string; members: [string, string] }[];
  group: { conversationId: string; members: string[] };
  catchUp: { conversationId: string; reader: BenchDevice; writer: BenchDevice };
  /** Extra devices for the idle-connection test, spread over the users. */
  idleDevices: BenchDevice[];
}

/** Earlier messages in each direct conversation: a workspace that has been in use. */
const HISTORY_PER_DIRECT = 100;

async function seedHistory(client: pg.Client, directs: Seeded['directs'], perConversation: number) {
  await client.query(
    `INSERT INTO "Message" (id, "conversationId", seq, "changeSeq", "senderId", "clientId", kind, body,
                           "mentionedUserIds", "createdAt")
     SELECT gen_random_uuid(), d.id, n, n, CASE WHEN n % 2 = 0 THEN d.a ELSE d.b END, gen_random_uuid(),
            'user', 'an earlier message of this conversation, about as long as a chat line is', '{}',
            now() - interval '1 day' + n * interval '1 second'
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS d(id, a, b), generate_series(1, $4::int) AS n`,
    [
      directs.map((d) => d.conversationId),
      directs.map((d) => d.members[0]),
      directs.map((d) => d.members[1]),
      perConversation,
    ],
  );
  await client.query(
    `UPDATE "Conversation" SET "lastSeq" = $2, "lastChangeSeq" = $2, "lastMessageAt" = now()
      WHERE id = ANY($1::uuid[])`,
    [directs.map((d) => d.conversationId), perConversation],
  );
}

async function insertRows(
  client: pg.Client,
  table: string,
  columns: Record<string, { type: string; values: unknown[] }>,
): Promise<void> {
  const names = Object.keys(columns);
  const count = columns[names[0]!]!.values.length;
  const chunk = 10_000;
  for (let start = 0; start < count; start += chunk) {
    const params = names.map((name) => columns[name]!.values.slice(start, start + chunk));
    const list = names.map((name) => `"${name}"`).join(', ');
    const unnest = names.map((name, i) => `$${i + 1}::${columns[name]!.type}[]`).join(', ');
    await client.query(`INSERT INTO "${table}" (${list}) SELECT * FROM unnest(${unnest})`, params);
  }
}

export async function seed(
  databaseUrl: string,
  options: { users: number; groupSize: number; idleDevices: number },
): Promise<Seeded> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const total = options.users + 2;
    const userIds = Array.from({ length: total }, () => randomUUID());
    await insertRows(client, 'User', {
      id: { type: 'uuid', values: userIds },
      username: { type: 'text', values: userIds.map((_, i) => `bench_${String(i).padStart(6, '0')}`) },
      displayName: { type: 'text', values: userIds.map((_, i) => `Bench ${i}`) },
      passwordHash: { type: 'text', values: userIds.map(() => '!no-password-sign-in') },
    });

    const devices: BenchDevice[] = userIds.map((userId) => ({ userId, deviceId: randomUUID() }));
    const idleDevices: BenchDevice[] = Array.from({ length: options.idleDevices }, (_, i) => ({
      userId: userIds[i % options.users]!,
      deviceId: randomUUID(),
    }));
    const allDevices = [...devices, ...idleDevices];
    await insertRows(client, 'Device', {
      id: { type: 'uuid', values: allDevices.map((d) => d.deviceId) },
      userId: { type: 'uuid', values: allDevices.map((d) => d.userId) },
      name: { type: 'text', values: allDevices.map(() => 'bench') },
      refreshTokenHash: { type: 'text', values: allDevices.map(() => randomUUID()) },
    });

    const conversations: { id: string; kind: string; name: string | null; directKey: string | null }[] = [];
    const memberships: { conversationId: string; userId: string; role: string }[] = [];
    const directs: Seeded['directs'] = [];
    const direct = (a: string, b: string) => {
      const id = randomUUID();
      conversations.push({ id, kind: 'direct', name: null, directKey: a < b ? `${a}:${b}` : `${b}:${a}` });
      memberships.push(
        { conversationId: id, userId: a, role: 'member' },
        { conversationId: id, userId: b, role: 'member' },
      );
      return id;
    };
    for (let i = 0; i + 1 < options.users; i += 2) {
      directs.push({
        conversationId: direct(userIds[i]!, userIds[i + 1]!),
        members: [userIds[i]!, userIds[i + 1]!],
      });
    }
    const groupId = randomUUID();
    const groupMembers = userIds.slice(0, options.groupSize);
    conversations.push({ id: groupId, kind: 'group', name: 'bench fan-out', directKey: null });
    groupMembers.forEach((userId, i) => {
      memberships.push({ conversationId: groupId, userId, role: i === 0 ? 'owner' : 'member' });
    });
    const reader = devices[options.users]!;
    const writer = devices[options.users + 1]!;
    const catchUpId = direct(reader.userId, writer.userId);

    await insertRows(client, 'Conversation', {
      id: { type: 'uuid', values: conversations.map((c) => c.id) },
      kind: { type: '"ConversationKind"', values: conversations.map((c) => c.kind) },
      name: { type: 'text', values: conversations.map((c) => c.name) },
      directKey: { type: 'text', values: conversations.map((c) => c.directKey) },
    });
    await insertRows(client, 'Membership', {
      conversationId: { type: 'uuid', values: memberships.map((m) => m.conversationId) },
      userId: { type: 'uuid', values: memberships.map((m) => m.userId) },
      role: { type: '"ConversationRole"', values: memberships.map((m) => m.role) },
    });
    await seedHistory(client, directs, HISTORY_PER_DIRECT);
    await client.query('COMMIT');
    // Statistics of a workspace in use. Planned against an empty Message table, the send
    // statement's duplicate check becomes a sequential scan, and the table then grows by
    // hundreds of thousands of rows before autovacuum's next ANALYZE: seconds per statement.
    await client.query('ANALYZE');
    return {
      users: devices.slice(0, options.users),
      directs,
      group: { conversationId: groupId, members: groupMembers },
      catchUp: { conversationId: catchUpId, reader, writer },
      idleDevices,
    };
  } finally {
    await client.end();
  }
}

/**
 * Stores `count` messages from `writer` in a direct conversation, as sends would: seq and
 * changeSeq consecutive, the conversation's counters moved, in one transaction.
 */
export async function insertMissedMessages(
  databaseUrl: string,
  conversationId: string,
  senderId: string,
  count: number,
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ lastSeq: number; lastChangeSeq: number }>(
      'SELECT "lastSeq", "lastChangeSeq" FROM "Conversation" WHERE id = $1 FOR UPDATE',
      [conversationId],
    );
    const { lastSeq, lastChangeSeq } = rows[0]!;
    const body = 'A message the device missed while it was offline, about as long as a chat line is.';
    await insertRows(client, 'Message', {
      id: { type: 'uuid', values: Array.from({ length: count }, () => randomUUID()) },
      conversationId: { type: 'uuid', values: Array.from({ length: count }, () => conversationId) },
      seq: { type: 'int', values: Array.from({ length: count }, (_, i) => lastSeq + i + 1) },
      changeSeq: { type: 'int', values: Array.from({ length: count }, (_, i) => lastChangeSeq + i + 1) },
      senderId: { type: 'uuid', values: Array.from({ length: count }, () => senderId) },
      clientId: { type: 'uuid', values: Array.from({ length: count }, () => randomUUID()) },
      body: { type: 'text', values: Array.from({ length: count }, (_, i) => `${body} #${i + 1}`) },
    });
    await client.query(
      `UPDATE "Message" SET "mentionedUserIds" = '{}' WHERE "conversationId" = $1 AND "mentionedUserIds" IS NULL`,
      [conversationId],
    );
    await client.query(
      `UPDATE "Conversation" SET "lastSeq" = "lastSeq" + $2, "lastChangeSeq" = "lastChangeSeq" + $2,
              "lastMessageAt" = now() WHERE id = $1`,
      [conversationId, count],
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** Access tokens signed with the server's AUTH_SECRET, valid for the whole run. */
export async function mintTokens(devices: BenchDevice[], authSecret: string): Promise<Session[]> {
  const sessions: Session[] = [];
  for (const device of devices) {
    const { token } = await signAccessToken(device, authSecret, 6 * 60 * 60);
    sessions.push({ ...device, token });
  }
  return sessions;
}
