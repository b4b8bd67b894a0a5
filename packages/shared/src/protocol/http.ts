import { z } from 'zod';
import { ChannelListing, ConversationState, DeviceInfo, Member, UserProfile } from './entities.js';
import { LIMITS } from './limits.js';
import { ChosenStatus, Id, NotificationLevel, Timestamp, WorkspaceRole } from './primitives.js';

const Username = z
  .string()
  .min(2)
  .max(LIMITS.usernameMaxChars)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" and "-"');
const Password = z.string().min(LIMITS.passwordMinChars).max(LIMITS.passwordMaxChars);
const DisplayName = z.string().trim().min(1).max(LIMITS.displayNameMaxChars);
const ConversationName = z.string().trim().min(1).max(LIMITS.conversationNameMaxChars);
const DeviceName = z.string().trim().min(1).max(LIMITS.deviceNameMaxChars);
const MemberIds = z.array(Id).max(LIMITS.membersPerRequestMax);

/** POST /api/setup — creates the first (admin) account; refused once any user exists. */
export const SetupRequest = z.strictObject({
  username: Username,
  displayName: DisplayName,
  password: Password,
  deviceName: DeviceName.default('Browser'),
});
export type SetupRequest = z.input<typeof SetupRequest>;

/** POST /api/auth/login */
export const LoginRequest = z.strictObject({
  username: z.string().min(1).max(LIMITS.usernameMaxChars),
  password: z.string().min(1).max(LIMITS.passwordMaxChars),
  deviceName: DeviceName.default('Browser'),
});
export type LoginRequest = z.input<typeof LoginRequest>;

/** POST /api/auth/refresh — the refresh token is single-use: the answer carries its successor. */
export const RefreshRequest = z.strictObject({ refreshToken: z.string().min(1).max(200) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const Session = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: Timestamp,
  refreshToken: z.string(),
  deviceId: Id,
  user: UserProfile,
});
export type Session = z.infer<typeof Session>;

/** POST /api/users (workspace admin) */
export const CreateUserRequest = z.strictObject({
  username: Username,
  displayName: DisplayName,
  password: Password,
  role: WorkspaceRole.default('member'),
});
export type CreateUserRequest = z.input<typeof CreateUserRequest>;

/** PATCH /api/me */
export const UpdateProfileRequest = z.strictObject({
  displayName: DisplayName.optional(),
  status: ChosenStatus.optional(),
});
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;

/** POST /api/conversations/direct */
export const OpenDirectRequest = z.strictObject({ userId: Id });
export type OpenDirectRequest = z.infer<typeof OpenDirectRequest>;

/** POST /api/conversations */
export const CreateConversationRequest = z.strictObject({
  kind: z.enum(['group', 'channel']),
  name: ConversationName,
  topic: z.string().max(250).optional(),
  memberIds: MemberIds.default([]),
});
export type CreateConversationRequest = z.input<typeof CreateConversationRequest>;

/** POST /api/conversations/:id/members */
export const AddMembersRequest = z.strictObject({ userIds: MemberIds.min(1) });
export type AddMembersRequest = z.infer<typeof AddMembersRequest>;

/** PATCH /api/conversations/:id/settings */
export const UpdateMembershipSettingsRequest = z.strictObject({ notificationLevel: NotificationLevel });
export type UpdateMembershipSettingsRequest = z.infer<typeof UpdateMembershipSettingsRequest>;

export const IdParams = z.strictObject({ id: Id });
export const MemberParams = z.strictObject({ id: Id, userId: Id });

export const UserList = z.object({ users: z.array(UserProfile) });
export const DeviceList = z.object({ devices: z.array(DeviceInfo) });
export const ChannelList = z.object({ channels: z.array(ChannelListing) });
export const MemberList = z.object({ members: z.array(Member) });

/** Push notifications: /api/push/*, /api/me/notifications, /api/workspace/settings (schemas in push.ts) */
export * from './push.js';
/** POST /api/search (schemas in requests/search.ts) */
export { SearchRequest, SearchResults } from './requests/search.js';
export { ConversationState };
