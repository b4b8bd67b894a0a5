import { z } from 'zod';
import {
  ConversationKind,
  ConversationRole,
  Emoji,
  Id,
  NotificationLevel,
  PresenceStatus,
  Seq,
  Timestamp,
  WorkspaceRole,
} from './primitives.js';

export const UserProfile = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: WorkspaceRole,
  deactivated: z.boolean(),
});
export type UserProfile = z.infer<typeof UserProfile>;

export const SystemEvent = z.object({
  type: z.enum(['conversation_created', 'member_joined', 'member_added', 'member_removed', 'member_left']),
  actorId: Id,
  userIds: z.array(Id),
});
export type SystemEvent = z.infer<typeof SystemEvent>;

export const ReactionGroup = z.object({ emoji: Emoji, userIds: z.array(Id) });
export type ReactionGroup = z.infer<typeof ReactionGroup>;

/**
 * The whole current state of one message. Every change (edit, delete, reaction) sends the
 * full snapshot with a higher changeSeq, so applying snapshots is idempotent.
 */
export const Message = z.object({
  id: Id,
  conversationId: Id,
  seq: Seq,
  changeSeq: Seq,
  senderId: Id,
  clientId: Id,
  kind: z.enum(['user', 'system']),
  /** Empty once deleted. */
  body: z.string(),
  systemEvent: SystemEvent.nullable(),
  replyTo: z.object({ id: Id, seq: Seq }).nullable(),
  mentions: z.object({ userIds: z.array(Id), all: z.boolean() }),
  reactions: z.array(ReactionGroup),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
  deletedAt: Timestamp.nullable(),
});
export type Message = z.infer<typeof Message>;

/** Unread counts as of `asOfSeq`; the client adds messages it receives above that seq. */
export const UnreadCounts = z.object({
  count: z.number().int().nonnegative(),
  mentions: z.number().int().nonnegative(),
  asOfSeq: Seq,
});
export type UnreadCounts = z.infer<typeof UnreadCounts>;

export const ReceiptCursor = z.object({ userId: Id, readSeq: Seq, deliveredSeq: Seq });
export type ReceiptCursor = z.infer<typeof ReceiptCursor>;

/** A conversation as one member sees it. */
export const ConversationState = z.object({
  id: Id,
  kind: ConversationKind,
  name: z.string().nullable(),
  topic: z.string().nullable(),
  lastSeq: Seq,
  lastChangeSeq: Seq,
  lastMessageAt: Timestamp,
  memberCount: z.number().int().nonnegative(),
  /** For direct conversations: the other person. */
  peerId: Id.nullable(),
  me: z.object({
    role: ConversationRole,
    readSeq: Seq,
    /** Times marked unread: the cursor with the higher (readEpoch, readSeq) is the newer. */
    readEpoch: z.number().int().nonnegative(),
    notificationLevel: NotificationLevel,
  }),
  unread: UnreadCounts,
  /** Other members' cursors; empty above LIMITS.receiptsMaxMembers members. */
  receipts: z.array(ReceiptCursor),
});
export type ConversationState = z.infer<typeof ConversationState>;

export const Member = z.object({ userId: Id, role: ConversationRole, joinedAt: Timestamp });
export type Member = z.infer<typeof Member>;

export const ChannelListing = z.object({
  id: Id,
  name: z.string(),
  topic: z.string().nullable(),
  memberCount: z.number().int().nonnegative(),
  joined: z.boolean(),
});
export type ChannelListing = z.infer<typeof ChannelListing>;

export const Presence = z.object({
  userId: Id,
  status: PresenceStatus,
  lastSeenAt: Timestamp.nullable(),
});
export type Presence = z.infer<typeof Presence>;

export const DeviceInfo = z.object({
  id: Id,
  name: z.string(),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  current: z.boolean(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;
