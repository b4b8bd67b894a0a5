import {
  NotificationSettings,
  type UpdateNotificationSettingsRequest,
  type UpdateWorkspaceSettingsRequest,
  WorkspaceSettings,
} from '@confab/shared';
import { requestJson } from '../api/http';

type Authorized = <T>(call: (token: string) => Promise<T>) => Promise<T>;

/** The notification settings API (docs/notifications.md), for a settings screen. */
export function createNotificationSettingsApi(authorized: Authorized) {
  return {
    /** Preview (`full | sender | none`, null: the workspace's) and quiet hours. */
    mine: () => authorized((token) => requestJson('/api/me/notifications', NotificationSettings, { token })),
    updateMine: (body: UpdateNotificationSettingsRequest) =>
      authorized((token) =>
        requestJson('/api/me/notifications', NotificationSettings, { method: 'PATCH', body, token }),
      ),
    workspace: () =>
      authorized((token) => requestJson('/api/workspace/settings', WorkspaceSettings, { token })),
    /** Workspace admins only (403 otherwise). */
    updateWorkspace: (body: UpdateWorkspaceSettingsRequest) =>
      authorized((token) =>
        requestJson('/api/workspace/settings', WorkspaceSettings, { method: 'PATCH', body, token }),
      ),
  };
}
