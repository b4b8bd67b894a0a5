import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { Id, Seq } from '../primitives.js';

/** The device's position in one conversation: the highest changeSeq it has applied. */
export const SyncCursor = z.strictObject({ conversationId: Id, changeSeq: Seq });
export type SyncCursor = z.infer<typeof SyncCursor>;

export const FetchSync = z.strictObject({
  cursors: z.array(SyncCursor).max(LIMITS.syncCursorsMax),
  /** Most messages in this page across all conversations. */
  limit: z.number().int().min(1).max(LIMITS.syncPageMax).default(500),
  /** Messages to load for a conversation the device has no cursor for. */
  initialMessages: z.number().int().min(0).max(LIMITS.historyPageMax).default(50),
});
export type FetchSync = z.input<typeof FetchSync>;
