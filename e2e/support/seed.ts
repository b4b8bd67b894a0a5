import pg from 'pg';
import { E2E_DATABASE_URL } from './env.js';

/**
 * Appends `count` messages from `senderId` to a conversation straight in PostgreSQL, taking seqs
 * and change seqs the way the server does (gapless, after the conversation's last ones), bodies
 * "Message number 1" to "Message number <count>". Sending
 * ten thousand messages through the API would take most of the suite's time budget.
 */
export async function seedMessages(conversationId: string, senderId: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: process.env[E2E_DATABASE_URL] });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ lastSeq: number; lastChangeSeq: number }>(
      'SELECT "lastSeq", "lastChangeSeq" FROM "Conversation" WHERE id = $1 FOR UPDATE',
      [conversationId],
    );
    const last = rows[0];
    if (!last) throw new Error(`no conversation ${conversationId}`);
    await client.query(
      `INSERT INTO "Message" (id, "conversationId", seq, "changeSeq", "senderId", "clientId", kind, body,
         "mentionedUserIds", "createdAt")
       SELECT gen_random_uuid(), $1, $3::int + g, $4::int + g, $2, gen_random_uuid(), 'user',
         'Message number ' || g, '{}', now() - make_interval(secs => ($5::int - g))
       FROM generate_series(1, $5::int) AS g`,
      [conversationId, senderId, last.lastSeq, last.lastChangeSeq, count],
    );
    await client.query(
      `UPDATE "Conversation" SET "lastSeq" = "lastSeq" + $2, "lastChangeSeq" = "lastChangeSeq" + $2,
         "lastMessageAt" = now() WHERE id = $1`,
      [conversationId, count],
    );
    // Everyone has read them: the test is about scrolling, not about ten thousand unread.
    await client.query('UPDATE "Membership" SET "readSeq" = $2 WHERE "conversationId" = $1', [
      conversationId,
      last.lastSeq + count,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
