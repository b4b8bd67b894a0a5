import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { Emoji, Id, MessageBody, Seq } from '../primitives.js';

export const SendMessage = z.strictObject({
  conversationId: Id,
  /** Made by the client once per message; a retry with the same id returns the original. */
  clientId: Id,
  body: MessageBody,
  replyToId: Id.optional(),
});
export type SendMessage = z.infer<typeof SendMessage>;

export const EditMessage = z.strictObject({ messageId: Id, body: MessageBody });
export type EditMessage = z.infer<typeof EditMessage>;

export const DeleteMessage = z.strictObject({ messageId: Id });
export type DeleteMessage = z.infer<typeof DeleteMessage>;

export const React = z.strictObject({ messageId: Id, emoji: Emoji });
export type React = z.infer<typeof React>;

/**
 * One page of history in seq order: before a seq (older), after it (newer), or around it (the
 * message with that seq and its context, e.g. to open a search result); none of them = latest.
 */
export const FetchHistory = z
  .strictObject({
    conversationId: Id,
    beforeSeq: Seq.optional(),
    afterSeq: Seq.optional(),
    aroundSeq: Seq.optional(),
    limit: z.number().int().min(1).max(LIMITS.historyPageMax).default(50),
  })
  .refine(
    (r) => [r.beforeSeq, r.afterSeq, r.aroundSeq].filter((seq) => seq !== undefined).length <= 1,
    'give at most one of beforeSeq, afterSeq and aroundSeq',
  );
export type FetchHistory = z.input<typeof FetchHistory>;
