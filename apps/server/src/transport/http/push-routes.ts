import {
  PushSubscriptionRequest,
  UpdateNotificationSettingsRequest,
  UpdateWorkspaceSettingsRequest,
} from '@confab/shared';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { notificationSettings, updateNotificationSettings } from '../../push/preferences.js';
import { subscribeToPush, unsubscribeFromPush } from '../../push/subscriptions.js';
import { vapidKeys } from '../../push/vapid.js';
import { updateWorkspaceSettings, workspaceSettings } from '../../workspace/settings.js';
import { route } from './routes.js';

/** Push subscriptions of the current device, notification settings, workspace settings. */
export function registerPushRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.get(
    '/api/push/vapid-public-key',
    route(ctx, { auth: true }, async ({ ctx }) => ({
      publicKey: (await vapidKeys(ctx.db, ctx.config)).publicKey,
    })),
  );
  app.post(
    '/api/push/subscriptions',
    route(ctx, { auth: true, body: PushSubscriptionRequest }, ({ ctx, actor, body }) =>
      subscribeToPush(ctx, actor, body),
    ),
  );
  app.delete(
    '/api/push/subscriptions',
    route(ctx, { auth: true }, ({ ctx, actor }) => unsubscribeFromPush(ctx, actor)),
  );
  app.get(
    '/api/me/notifications',
    route(ctx, { auth: true }, ({ ctx, actor }) => notificationSettings(ctx.db, actor.userId)),
  );
  app.patch(
    '/api/me/notifications',
    route(ctx, { auth: true, body: UpdateNotificationSettingsRequest }, ({ ctx, actor, body }) =>
      updateNotificationSettings(ctx, actor, body),
    ),
  );
  app.get(
    '/api/workspace/settings',
    route(ctx, { auth: true }, ({ ctx }) => workspaceSettings(ctx.db)),
  );
  app.patch(
    '/api/workspace/settings',
    route(ctx, { auth: true, body: UpdateWorkspaceSettingsRequest }, ({ ctx, actor, body }) =>
      updateWorkspaceSettings(ctx, actor, body),
    ),
  );
}
