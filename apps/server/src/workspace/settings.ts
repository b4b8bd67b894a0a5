import {
  NotificationPreview,
  type UpdateWorkspaceSettingsRequest,
  type WorkspaceSettings,
} from '@confab/shared';
import type { z } from 'zod';
import type { Actor, ServerContext } from '../context.js';
import type { Database, Prisma } from '../platform/database/prisma.js';
import { forbidden } from '../platform/errors.js';

/** A stored setting, or null when it was never set (or no longer parses). */
export async function readSetting<S extends z.ZodType>(
  db: Database,
  key: string,
  schema: S,
): Promise<z.output<S> | null> {
  const row = await db.workspaceSetting.findUnique({ where: { key } });
  if (!row) return null;
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : null;
}

export async function writeSetting(db: Database, key: string, value: Prisma.InputJsonValue): Promise<void> {
  await db.workspaceSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

const NOTIFICATION_PREVIEW = 'notificationPreview';

export async function workspaceSettings(db: Database): Promise<WorkspaceSettings> {
  return {
    notificationPreview: (await readSetting(db, NOTIFICATION_PREVIEW, NotificationPreview)) ?? 'full',
  };
}

/** Workspace admins only. */
export async function updateWorkspaceSettings(
  ctx: ServerContext,
  actor: Actor,
  request: UpdateWorkspaceSettingsRequest,
): Promise<WorkspaceSettings> {
  const user = await ctx.db.user.findUnique({ where: { id: actor.userId }, select: { role: true } });
  if (user?.role !== 'admin') throw forbidden('only workspace admins change workspace settings');
  if (request.notificationPreview) {
    await writeSetting(ctx.db, NOTIFICATION_PREVIEW, request.notificationPreview);
  }
  return workspaceSettings(ctx.db);
}
