import { z } from 'zod';
import { Id, Seq } from './primitives.js';

/** What a notification shows: sender and text, the sender only, or nothing but "New message". */
export const NotificationPreview = z.enum(['full', 'sender', 'none']);
export type NotificationPreview = z.infer<typeof NotificationPreview>;

const PUSH_ENDPOINT_MAX_CHARS = 2_048;

/**
 * POST /api/push/subscriptions — what `PushSubscription.toJSON()` gives in the browser: the push
 * service's URL and the browser's P-256 public key (65 bytes) and auth secret (16 bytes), base64url.
 */
export const PushSubscriptionRequest = z.strictObject({
  endpoint: z.url({ protocol: /^https$/ }).max(PUSH_ENDPOINT_MAX_CHARS),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: z.string().regex(/^B[A-Za-z0-9_-]{86}$/, 'an uncompressed P-256 public key, base64url'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{22}$/, '16 bytes, base64url'),
  }),
});
export type PushSubscriptionRequest = z.infer<typeof PushSubscriptionRequest>;

/** GET /api/push/vapid-public-key — the `applicationServerKey` to subscribe with (base64url). */
export const VapidPublicKey = z.object({ publicKey: z.string() });
export type VapidPublicKey = z.infer<typeof VapidPublicKey>;

/** An IANA time zone name that this runtime knows, e.g. `Europe/Berlin`. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((name) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Europe/Berlin');

const MinuteOfDay = z
  .number()
  .int()
  .min(0)
  .max(24 * 60 - 1);

/** Quiet hours, every day, in the user's time zone; `start > end` spans midnight (22:00–07:00). */
export const DndSchedule = z
  .strictObject({ start: MinuteOfDay, end: MinuteOfDay, timeZone: TimeZone })
  .refine((schedule) => schedule.start !== schedule.end, 'start and end must differ');
export type DndSchedule = z.infer<typeof DndSchedule>;

/** GET /api/me/notifications */
export const NotificationSettings = z.object({
  /** The user's own choice; null: the workspace's. */
  preview: NotificationPreview.nullable(),
  /** What notifications show now: the user's choice, else the workspace's. */
  effectivePreview: NotificationPreview,
  dndSchedule: DndSchedule.nullable(),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

/** PATCH /api/me/notifications — null clears a choice. */
export const UpdateNotificationSettingsRequest = z.strictObject({
  preview: NotificationPreview.nullable().optional(),
  dndSchedule: DndSchedule.nullable().optional(),
});
export type UpdateNotificationSettingsRequest = z.infer<typeof UpdateNotificationSettingsRequest>;

/** GET /api/workspace/settings */
export const WorkspaceSettings = z.object({
  /** What notifications show for users who made no choice of their own. */
  notificationPreview: NotificationPreview,
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;

/** PATCH /api/workspace/settings (workspace admins) */
export const UpdateWorkspaceSettingsRequest = z.strictObject({
  notificationPreview: NotificationPreview.optional(),
});
export type UpdateWorkspaceSettingsRequest = z.infer<typeof UpdateWorkspaceSettingsRequest>;

/**
 * What a push message carries to the service worker (apps/web/public/sw.js), encrypted for the
 * browser. `message`: new messages in one conversation, collapsed (`count` unread); title and body
 * hold only what the preview setting allows. `summary`: what the per-minute limit folded.
 * `read`: the conversation was read up to `readSeq` on some device; notifications up to it can go.
 */
export const PushPayload = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    conversationId: Id,
    messageId: Id,
    seq: Seq,
    title: z.string(),
    body: z.string(),
    tag: z.string(),
    count: z.number().int().positive(),
  }),
  z.object({
    type: z.literal('summary'),
    conversationIds: z.array(Id),
    title: z.string(),
    body: z.string(),
    tag: z.string(),
    count: z.number().int().positive(),
  }),
  z.object({ type: z.literal('read'), conversationId: Id, readSeq: Seq, tag: z.string() }),
]);
export type PushPayload = z.infer<typeof PushPayload>;

/** The notification tag of a conversation: a newer notification replaces the older one. */
export const conversationNotificationTag = (conversationId: string) => `conversation:${conversationId}`;
export const SUMMARY_NOTIFICATION_TAG = 'summary';
