import { type PushPayload, SUMMARY_NOTIFICATION_TAG } from '@confab/shared';
import { countLabel } from './content.js';
import { deliverToAll } from './deliver.js';
import { notifiable } from './notifiable.js';
import { dndScheduleOf } from './preferences.js';
import { isActiveSomewhere, type PushDeps, pushSender } from './push-deps.js';
import type { PushSummaryJob } from './push-queue.js';
import { inQuietHours } from './quiet-hours.js';
import { subscriptionsOf } from './subscriptions.js';

const SUMMARY_TTL_SECONDS = 6 * 60 * 60;

export type PushSummaryResult =
  | { outcome: 'sent' | 'failed' | 'dropped' }
  | { outcome: 'retry'; delivered: string[] };

/**
 * The `push-summary` job: one notification for what the per-minute limit held back ("12 new
 * messages in 3 conversations"), counted now — conversations read meanwhile are left out. It never
 * names a sender or a conversation, whatever the preview setting.
 */
export async function pushSummary(deps: PushDeps, job: PushSummaryJob): Promise<PushSummaryResult> {
  const { db } = deps;
  const { userId } = job;
  const folded = await deps.state.folded(userId);
  const drop = async (reason: string): Promise<PushSummaryResult> => {
    await deps.state.unfold(userId, folded);
    deps.metrics.dropped.inc({ reason });
    return { outcome: 'dropped' };
  };
  if (folded.length === 0) return drop('read');
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { chosenStatus: true, deactivatedAt: true, notificationSettings: true },
  });
  if (!user || user.deactivatedAt) return drop('inactive');
  if (await isActiveSomewhere(deps.redis, userId)) return drop('connected');
  const schedule = dndScheduleOf(user.notificationSettings);
  if (user.chosenStatus === 'dnd' || (schedule && inQuietHours(schedule, new Date()))) return drop('dnd');

  const memberships = await db.membership.findMany({
    where: { userId, conversationId: { in: folded }, notificationLevel: { not: 'muted' } },
    select: { conversationId: true, readSeq: true, notificationLevel: true },
  });
  const counts = await Promise.all(
    memberships.map((m) =>
      db.message.count({
        where: { ...notifiable(m.conversationId, userId, m.notificationLevel), seq: { gt: m.readSeq } },
      }),
    ),
  );
  const unread = memberships.filter((_, i) => (counts[i] ?? 0) > 0).map((m) => m.conversationId);
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return drop('read');

  const targets = (await subscriptionsOf(db, userId)).filter((t) => !job.delivered?.includes(t.id));
  if (targets.length === 0 && !job.delivered?.length) return drop('no_subscription');
  const payload: PushPayload = {
    type: 'summary',
    conversationIds: unread,
    title: 'Confab',
    body: unread.length === 1 ? countLabel(total) : `${total} new messages in ${unread.length} conversations`,
    tag: SUMMARY_NOTIFICATION_TAG,
    count: total,
  };
  const result = await deliverToAll(await pushSender(deps), targets, payload, {
    topic: 'summary',
    urgency: 'normal',
    ttlSeconds: SUMMARY_TTL_SECONDS,
  });
  const delivered = [...(job.delivered ?? []), ...result.delivered];
  if (result.retry) return { outcome: 'retry', delivered };
  await deps.state.unfold(userId, folded);
  return { outcome: delivered.length > 0 ? 'sent' : 'failed' };
}
