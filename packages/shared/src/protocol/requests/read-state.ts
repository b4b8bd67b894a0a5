import { z } from 'zod';
import { Id, Seq } from '../primitives.js';

/** Moves the read cursor forward to `seq`; a lower seq changes nothing. */
export const MarkRead = z.strictObject({ conversationId: Id, seq: Seq });
export type MarkRead = z.infer<typeof MarkRead>;

/** Moves the read cursor back so that `seq` and everything after it are unread. */
export const MarkUnread = z.strictObject({ conversationId: Id, seq: Seq.min(1) });
export type MarkUnread = z.infer<typeof MarkUnread>;

/** One of this user's devices has received everything up to `seq`. */
export const MarkDelivered = z.strictObject({ conversationId: Id, seq: Seq });
export type MarkDelivered = z.infer<typeof MarkDelivered>;
