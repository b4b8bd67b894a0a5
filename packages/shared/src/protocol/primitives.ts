import { z } from 'zod';
import { LIMITS } from './limits.js';

export const Id = z.uuid();
export const Seq = z.number().int().nonnegative();
export const Timestamp = z.iso.datetime({ offset: true });

export const MessageBody = z
  .string()
  .max(LIMITS.messageBodyMaxChars, `at most ${LIMITS.messageBodyMaxChars} characters`)
  .refine((body) => body.trim().length > 0, 'must not be empty');

export const Emoji = z.string().min(1).max(LIMITS.emojiMaxChars);

export const ConversationKind = z.enum(['direct', 'group', 'channel']);
export type ConversationKind = z.infer<typeof ConversationKind>;

export const ConversationRole = z.enum(['owner', 'admin', 'member']);
export type ConversationRole = z.infer<typeof ConversationRole>;

export const WorkspaceRole = z.enum(['admin', 'member']);
export type WorkspaceRole = z.infer<typeof WorkspaceRole>;

export const NotificationLevel = z.enum(['all', 'mentions', 'muted']);
export type NotificationLevel = z.infer<typeof NotificationLevel>;

/** A status the user chose; `auto` means derived from their devices. */
export const ChosenStatus = z.enum(['auto', 'away', 'dnd']);
export type ChosenStatus = z.infer<typeof ChosenStatus>;

/** What others see: the union of the user's devices, or their chosen status. */
export const PresenceStatus = z.enum(['online', 'away', 'dnd', 'offline']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;
