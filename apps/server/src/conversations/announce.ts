import type { Message } from '@confab/shared';
import type { ServerContext } from '../context.js';
import { conversationState } from './conversation-state.js';
import { publishToMembers } from './recipients.js';

/**
 * After a membership change commits: those who left hear `conversation:left`, those who joined
 * get the conversation, and everyone still in it gets the system message.
 */
export async function announceMembershipChange(
  ctx: ServerContext,
  conversationId: string,
  systemMessage: Message | null,
  change: { joined?: string[]; left?: string[] },
): Promise<void> {
  if (change.left?.length) ctx.events.toUsers(change.left, 'conversation:left', { conversationId });
  for (const userId of change.joined ?? []) {
    ctx.events.toUsers([userId], 'conversation:joined', await conversationState(ctx, userId, conversationId));
  }
  if (systemMessage) await publishToMembers(ctx, conversationId, 'message:new', systemMessage);
}
