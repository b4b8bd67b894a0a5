import type pg from 'pg';

/**
 * Synthetic chat history, made by PostgreSQL itself (generate_series): users, conversations,
 * memberships and messages whose words follow a skewed (Zipf-like) distribution over a 5,000-word
 * vocabulary, with ticket ids, URLs, CJK sentences and mentions mixed in.
 */

const COMMON = `the a to and of in is it you that for on we this be are with have i not at as do
can will if so but just what all my about up there out get they one from me your like our now
when how know some think by an would no time see more was go need then deploy release build test
fix bug issue review merge branch main staging production server client api database query index
cache queue worker job error log logs metric alert incident outage latency timeout retry backoff
meeting standup sync call agenda notes decision plan roadmap sprint ticket estimate deadline
budget invoice customer feedback design mockup prototype feature flag rollout rollback migration
schema backup restore config secret token auth login password session cookie browser mobile
desktop docs wiki readme changelog version upgrade dependency package module function class type
interface test unit integration e2e coverage lint format ci pipeline runner docker image container
kubernetes cluster node pod service ingress certificate dns domain proxy network firewall vpn
lunch coffee tomorrow today yesterday monday tuesday wednesday thursday friday weekend holiday
please thanks sorry great good nice cool ok yes maybe later soon asap question answer help`
  .split(/\s+/)
  .filter(Boolean);

const CJK = [
  '会议记录已经上传',
  '请检查一下预算',
  '明天的计划有变化',
  '东京タワーに行きます',
  '週末のイベントについて',
  '新しいリリースの準備',
  '서버 점검 일정 공유',
  '回顾会议的结论',
];

/** A deterministic pseudo-random generator, so every run makes the same vocabulary. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 5,000 words: real ones first (the most frequent), then made-up ones for the long tail. */
export function vocabulary(size = 5000): string[] {
  const random = mulberry32(42);
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ra',
    'ten',
    'vor',
    'ix',
    'ul',
    'pre',
    'dan',
    'sol',
    'bri',
    'qu',
    'zen',
    'mar',
  ];
  const words = new Set(COMMON);
  while (words.size < size) {
    const length = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < length; i++) word += syllables[Math.floor(random() * syllables.length)];
    words.add(word);
  }
  return [...words];
}

/** The user who searches (`bench`): a member of the first `benchConversations` conversations. */
export const BENCH_USER_ID = 'a0000000-0000-0000-0000-000000000000';

export async function generate(
  client: pg.Client,
  options: { messages: number; conversations: number; users: number; benchConversations: number },
  log: (line: string) => void,
): Promise<void> {
  const { messages, conversations, users, benchConversations } = options;
  const words = vocabulary();

  log(`generating ${users} users, ${conversations} conversations…`);
  // Users a000…, conversations c000…: ids computable in SQL from a number.
  await client.query(
    `INSERT INTO "User" (id, username, "displayName", "passwordHash")
     SELECT ('a' || lpad(to_hex(n), 31, '0'))::uuid, CASE WHEN n = 0 THEN 'bench' ELSE 'user' || n END,
            'User ' || n, 'not-a-real-hash'
     FROM generate_series(0, $1 - 1) AS n`,
    [users],
  );
  await client.query(
    `INSERT INTO "Conversation" (id, kind, name, "lastSeq", "lastChangeSeq")
     SELECT ('c' || lpad(to_hex(n), 31, '0'))::uuid, 'group', 'room-' || n, 0, 0
     FROM generate_series(0, $1 - 1) AS n`,
    [conversations],
  );
  // Ten members per conversation; the bench user is in the first `benchConversations`.
  await client.query(
    `INSERT INTO "Membership" ("conversationId", "userId")
     SELECT DISTINCT ('c' || lpad(to_hex(c), 31, '0'))::uuid,
            ('a' || lpad(to_hex(1 + (c * 10 + k) % ($2 - 1)), 31, '0'))::uuid
     FROM generate_series(0, $1 - 1) AS c, generate_series(0, 9) AS k
     UNION
     SELECT ('c' || lpad(to_hex(c), 31, '0'))::uuid, ('a' || lpad(to_hex(0), 31, '0'))::uuid
     FROM generate_series(0, $3 - 1) AS c`,
    [conversations, users, benchConversations],
  );

  log(`generating ${messages} messages…`);
  const chunk = 100_000;
  for (let from = 0; from < messages; from += chunk) {
    const to = Math.min(messages, from + chunk) - 1;
    // Message i: conversation i % C, seq i / C + 1, one a minute up to now, ids UUIDv7-like.
    await client.query(
      `INSERT INTO "Message" (id, "conversationId", seq, "changeSeq", "senderId", "clientId", kind, body,
                              "mentionedUserIds", "mentionsAll", "createdAt")
       SELECT (lpad(to_hex((extract(epoch FROM t) * 1000)::bigint), 12, '0') || '7' || substr(h, 1, 3) || '8'
               || substr(h, 4, 15))::uuid,
              ('c' || lpad(to_hex(i % $3), 31, '0'))::uuid,
              i / $3 + 1, i / $3 + 1,
              ('a' || lpad(to_hex(1 + (i::bigint * 7919) % ($4 - 1)), 31, '0'))::uuid,
              gen_random_uuid(), 'user',
              CASE WHEN i % 20 = 0
                THEN ($6::text[])[1 + i % cardinality($6::text[])] || ' ' || ($6::text[])[1 + (i / 7) % cardinality($6::text[])]
                ELSE array_to_string(ARRAY(
                       SELECT ($5::text[])[1 + floor(cardinality($5::text[]) * power(random(), 3))::int]
                       FROM generate_series(1, 4 + (i % 13)) WHERE i IS NOT NULL), ' ')
                     || CASE WHEN i % 37 = 0 THEN ' PLT-' || (i % 20000) ELSE '' END
                     || CASE WHEN i % 53 = 0 THEN ' https://host-' || (i % 500) || '.example.com/v' || (i % 7)
                             || '/items/' || i ELSE '' END
                     || CASE WHEN i % 29 = 0 THEN ' @bench' ELSE '' END
              END,
              CASE WHEN i % 29 = 0 AND i % $3 < $7 THEN ARRAY[('a' || lpad('0', 31, '0'))::uuid] ELSE '{}' END,
              i % 997 = 0,
              t
       FROM generate_series($1::int, $2::int) AS i,
            LATERAL (SELECT now() - (($8 - i) * interval '1 minute') AS t, md5(i::text) AS h) AS x`,
      [from, to, conversations, users, words, CJK, benchConversations, messages],
    );
    log(`  ${to + 1} messages`);
  }
  await client.query(
    `UPDATE "Conversation" c SET "lastSeq" = s.n, "lastChangeSeq" = s.n
     FROM (SELECT "conversationId", max(seq) AS n FROM "Message" GROUP BY 1) s WHERE s."conversationId" = c.id`,
  );
  await client.query('ANALYZE');
}
