import { LIMITS } from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import { requireMembership } from '../conversations/access.js';
import { memberIds } from '../conversations/recipients.js';

/** Typing is relayed, never stored. Large conversations get none (it would be noise for thousands). */
export async function relayTyping(
  ctx: ServerContext,
  actor: Actor,
  conversationId: string,
  typing: boolean,
): Promise<void> {
  await requireMembership(ctx.db, actor.userId, conversationId);
  const members = await memberIds(ctx, conversationId);
  if (members.length > LIMITS.typingMaxMembers) return;
  ctx.events.toUsers(
    members,
    'typing',
    { conversationId, userId: actor.userId, typing },
    { exceptUserId: actor.userId },
  );
}
