import type { ConversationState, CreateConversationRequest } from '@confab/shared';
import type { z } from 'zod';
import type { Actor, ServerContext } from '../context.js';
import { inTransaction } from '../platform/database/transaction.js';
import { newId } from '../platform/ids.js';
import { announceMembershipChange } from './announce.js';
import { conversationState } from './conversation-state.js';
import { appendSystemMessage } from './system-messages.js';
import { requireActiveUsers } from './users-exist.js';

/** A private group or a public channel; the creator owns it. */
export async function createConversation(
  ctx: ServerContext,
  actor: Actor,
  request: z.output<typeof CreateConversationRequest>,
): Promise<ConversationState> {
  const others = [...new Set(request.memberIds)].filter((id) => id !== actor.userId);
  const { id, message } = await inTransaction(ctx.db, async (tx) => {
    await requireActiveUsers(tx, others);
    const conversation = await tx.conversation.create({
      data: {
        id: newId(),
        kind: request.kind,
        name: request.name,
        topic: request.topic ?? null,
        memberships: {
          create: [{ userId: actor.userId, role: 'owner' }, ...others.map((userId) => ({ userId }))],
        },
      },
    });
    const message = await appendSystemMessage(tx, conversation.id, {
      type: 'conversation_created',
      actorId: actor.userId,
      userIds: others,
    });
    return { id: conversation.id, message };
  });
  await announceMembershipChange(ctx, id, message, { joined: [actor.userId, ...others] });
  return conversationState(ctx, actor.userId, id);
}
