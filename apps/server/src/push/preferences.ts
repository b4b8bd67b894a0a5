import type {
  DndSchedule,
  NotificationPreview,
  NotificationSettings,
  UpdateNotificationSettingsRequest,
} from '@confab/shared';
import type { Actor, ServerContext } from '../context.js';
import type { Database } from '../platform/database/prisma.js';
import { workspaceSettings } from '../workspace/settings.js';

interface SettingsRow {
  preview: NotificationPreview | null;
  dndStart: number | null;
  dndEnd: number | null;
  timeZone: string;
}

export function dndScheduleOf(row: SettingsRow | null): DndSchedule | null {
  if (row?.dndStart == null || row.dndEnd == null) return null;
  return { start: row.dndStart, end: row.dndEnd, timeZone: row.timeZone };
}

/** The user's choice overrides the workspace's. */
export async function effectivePreview(db: Database, row: SettingsRow | null): Promise<NotificationPreview> {
  return row?.preview ?? (await workspaceSettings(db)).notificationPreview;
}

export async function notificationSettings(db: Database, userId: string): Promise<NotificationSettings> {
  const row = await db.notificationSettings.findUnique({ where: { userId } });
  return {
    preview: row?.preview ?? null,
    effectivePreview: await effectivePreview(db, row),
    dndSchedule: dndScheduleOf(row),
  };
}

export async function updateNotificationSettings(
  ctx: ServerContext,
  actor: Actor,
  request: UpdateNotificationSettingsRequest,
): Promise<NotificationSettings> {
  const data = {
    ...(request.preview !== undefined && { preview: request.preview }),
    ...(request.dndSchedule !== undefined && {
      dndStart: request.dndSchedule?.start ?? null,
      dndEnd: request.dndSchedule?.end ?? null,
      timeZone: request.dndSchedule?.timeZone ?? 'UTC',
    }),
  };
  await ctx.db.notificationSettings.upsert({
    where: { userId: actor.userId },
    create: { userId: actor.userId, ...data },
    update: data,
  });
  return notificationSettings(ctx.db, actor.userId);
}
