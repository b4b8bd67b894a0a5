import type { ConversationState, Session } from '@confab/shared';
import type { TestWorld } from './test-world.js';

/** Opens (or returns) the direct conversation between two signed-in people. */
export async function directConversation(
  world: TestWorld,
  a: Session,
  b: Session,
): Promise<ConversationState> {
  const response = await world.http<ConversationState>('POST', '/api/conversations/direct', {
    token: a.accessToken,
    body: { userId: b.user.id },
  });
  if (response.status !== 200) throw new Error(`open direct failed: ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function group(
  world: TestWorld,
  owner: Session,
  members: Session[],
  options: { kind?: 'group' | 'channel'; name?: string } = {},
): Promise<ConversationState> {
  const response = await world.http<ConversationState>('POST', '/api/conversations', {
    token: owner.accessToken,
    body: {
      kind: options.kind ?? 'group',
      name: options.name ?? 'Team',
      memberIds: members.map((m) => m.user.id),
    },
  });
  if (response.status !== 200)
    throw new Error(`create conversation failed: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Two people, signed up, in a direct conversation, each connected on one device. */
export async function twoPeople(world: TestWorld, first: string, second: string) {
  const a = await world.signUp(first);
  const b = await world.signUp(second);
  const dm = await directConversation(world, a, b);
  return { dm, a, b, aSocket: await world.connect(a), bSocket: await world.connect(b) };
}
