import {
  ChannelList,
  type ChosenStatus,
  ConversationState,
  type CreateConversationRequest,
  DeviceList,
  type LoginRequest,
  MemberList,
  type NotificationLevel,
  type SearchRequest,
  SearchResults,
  Session,
  type SetupRequest,
  UserList,
  UserProfile,
} from '@confab/shared';
import type { SessionManager } from '../session/session-manager';
import { requestEmpty, requestJson, type Schema } from './http';

const SetupStatus: Schema<{ needed: boolean }> = {
  parse(value) {
    const needed = (value as { needed?: unknown } | null)?.needed;
    if (typeof needed !== 'boolean') throw new TypeError('unexpected answer from GET /api/setup');
    return { needed };
  },
};

/** The HTTP API before signing in. */
export const publicApi = {
  setupStatus: () => requestJson('/api/setup', SetupStatus),
  setup: (body: SetupRequest) => requestJson('/api/setup', Session, { method: 'POST', body }),
  logIn: (body: LoginRequest) => requestJson('/api/auth/login', Session, { method: 'POST', body }),
};

/** The HTTP API of docs/protocol.md, as the signed-in user. */
export function createApi(session: SessionManager) {
  const as = session.authorized;
  return {
    updateMe: (body: { displayName?: string; status?: ChosenStatus }) =>
      as((token) => requestJson('/api/me', UserProfile, { method: 'PATCH', body, token })),
    users: () => as((token) => requestJson('/api/users', UserList, { token })),
    search: (body: SearchRequest) =>
      as((token) => requestJson('/api/search', SearchResults, { method: 'POST', body, token })),
    devices: () => as((token) => requestJson('/api/devices', DeviceList, { token })),
    revokeDevice: (deviceId: string) =>
      as((token) => requestEmpty(`/api/devices/${deviceId}`, { method: 'DELETE', token })),
    openDirect: (userId: string) =>
      as((token) =>
        requestJson('/api/conversations/direct', ConversationState, {
          method: 'POST',
          body: { userId },
          token,
        }),
      ),
    createConversation: (body: CreateConversationRequest) =>
      as((token) => requestJson('/api/conversations', ConversationState, { method: 'POST', body, token })),
    channels: () => as((token) => requestJson('/api/channels', ChannelList, { token })),
    join: (conversationId: string) =>
      as((token) =>
        requestJson(`/api/conversations/${conversationId}/join`, ConversationState, {
          method: 'POST',
          token,
        }),
      ),
    leave: (conversationId: string) =>
      as((token) => requestEmpty(`/api/conversations/${conversationId}/leave`, { method: 'POST', token })),
    members: (conversationId: string) =>
      as((token) => requestJson(`/api/conversations/${conversationId}/members`, MemberList, { token })),
    addMembers: (conversationId: string, userIds: string[]) =>
      as((token) =>
        requestJson(`/api/conversations/${conversationId}/members`, ConversationState, {
          method: 'POST',
          body: { userIds },
          token,
        }),
      ),
    removeMember: (conversationId: string, userId: string) =>
      as((token) =>
        requestEmpty(`/api/conversations/${conversationId}/members/${userId}`, { method: 'DELETE', token }),
      ),
    setNotificationLevel: (conversationId: string, notificationLevel: NotificationLevel) =>
      as((token) =>
        requestJson(`/api/conversations/${conversationId}/settings`, ConversationState, {
          method: 'PATCH',
          body: { notificationLevel },
          token,
        }),
      ),
  };
}

export type Api = ReturnType<typeof createApi>;
