import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { ChosenStatus, Id } from '../primitives.js';

/** Replaces the set of users whose presence this connection receives. */
export const SubscribePresence = z.strictObject({
  userIds: z.array(Id).max(LIMITS.presenceSubscribeMax),
});
export type SubscribePresence = z.infer<typeof SubscribePresence>;

/** Whether a person is using this device (not idle); all idle devices make the user "away". */
export const ReportActivity = z.strictObject({ active: z.boolean() });
export type ReportActivity = z.infer<typeof ReportActivity>;

export const SetStatus = z.strictObject({ status: ChosenStatus });
export type SetStatus = z.infer<typeof SetStatus>;

export const Typing = z.strictObject({ conversationId: Id });
export type Typing = z.infer<typeof Typing>;
