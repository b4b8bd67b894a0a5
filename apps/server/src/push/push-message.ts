import { conversationNotificationTag, type PushPayload } from '@confab/shared';
import { notificationContent } from './content.js';
import { conversationTopic, deliverToAll } from './deliver.js';
import { fromOthers, notifiable } from './notifiable.js';
import { dndScheduleOf, effectivePreview } from './preferences.js';
import { isActiveSomewhere, type PushDeps, pushSender } from './push-deps.js';
import { PUSH_SUMMARY_JOB, type PushMessageJob, pushJobOptions, pushSummaryJobId } from './push-queue.js';
import { inQuietHours } from './quiet-hours.js';
import { subscriptionsOf } from './subscriptions.js';

/** A message notification is worth little after a few hours. */
const MESSAGE_TTL_SECONDS = 6 * 60 * 60;

export type DropReason =
  | 'not_member'
  | 'inactive'
  | 'muted'
  | 'connected'
  | 'read'
  | 'not_mentioned'
  | 'already_notified'
  | 'dnd'
  | 'no_subscription';

export type PushMessageResult =
  /** `coveredSeq`: the conversation's last seq when the job looked; newer messages need another run. */
  | { outcome: 'sent' | 'failed' | 'folded'; coveredSeq: number }
  | { outcome: 'dropped'; reason: DropReason; coveredSeq: number | null }
  /** A push service failed in a way worth retrying; `delivered` were reached already. */
  | { outcome: 'retry'; delivered: string[] };

/**
 * The `push-message` job: notifies one user of the new messages in one conversation, as things
 * are now — not as they were when the job was queued. Nothing if they read it meanwhile on another
 * device, came back online, muted it, or are in do-not-disturb; one notification for everything
 * unread ("3 new messages"), with only what their preview setting allows.
 */
export async function pushMessage(deps: PushDeps, job: PushMessageJob): Promise<PushMessageResult> {
  const { db } = deps;
  const { userId, conversationId } = job;
  const membership = await db.membership.findUnique({
    where: { conversationId_userId: { conversationId, userId } },
    select: {
      readSeq: true,
      notificationLevel: true,
      conversation: { select: { kind: true, name: true, lastSeq: true } },
      user: { select: { chosenStatus: true, deactivatedAt: true, notificationSettings: true } },
    },
  });
  if (!membership) return dropped(deps, 'not_member', null);
  const { readSeq, notificationLevel: level, conversation, user } = membership;
  const covered = conversation.lastSeq;
  if (user.deactivatedAt) return dropped(deps, 'inactive', covered);
  if (level === 'muted') return dropped(deps, 'muted', covered);
  if (await isActiveSomewhere(deps.redis, userId)) return dropped(deps, 'connected', covered);

  const wanted = notifiable(conversationId, userId, level);
  const since = Math.max(readSeq, await deps.state.notifiedSeq(userId, conversationId));
  const newest = await db.message.findFirst({
    where: { ...wanted, seq: { gt: since } },
    orderBy: { seq: 'desc' },
    select: {
      id: true,
      seq: true,
      body: true,
      mentionedUserIds: true,
      mentionsAll: true,
      sender: { select: { displayName: true } },
    },
  });
  if (!newest) {
    const unread = await db.message.count({
      where: { ...fromOthers(conversationId, userId), seq: { gt: readSeq } },
    });
    const reason = unread === 0 ? 'read' : level === 'mentions' ? 'not_mentioned' : 'already_notified';
    return dropped(deps, reason, covered);
  }

  const settings = user.notificationSettings;
  const schedule = dndScheduleOf(settings);
  if (user.chosenStatus === 'dnd' || (schedule && inQuietHours(schedule, new Date()))) {
    return dropped(deps, 'dnd', covered);
  }
  const targets = (await subscriptionsOf(db, userId)).filter((t) => !job.delivered?.includes(t.id));
  if (targets.length === 0 && !job.delivered?.length) return dropped(deps, 'no_subscription', covered);

  if (!job.counted) {
    const slot = await deps.state.takeSlot(
      userId,
      deps.config.pushRateLimitPerMinute,
      deps.config.pushRateWindowMs,
    );
    if (!slot.allowed) {
      await fold(deps, userId, conversationId, newest.seq, slot.resetInMs);
      return { outcome: 'folded', coveredSeq: covered };
    }
  }

  const count = await db.message.count({ where: { ...wanted, seq: { gt: readSeq } } });
  const content = notificationContent({
    preview: await effectivePreview(db, settings),
    conversation,
    senderName: newest.sender.displayName,
    text: newest.body,
    count,
  });
  const payload: PushPayload = {
    type: 'message',
    conversationId,
    messageId: newest.id,
    seq: newest.seq,
    ...content,
    tag: conversationNotificationTag(conversationId),
    count,
  };
  const personal =
    conversation.kind === 'direct' || newest.mentionsAll || newest.mentionedUserIds.includes(userId);
  const result = await deliverToAll(await pushSender(deps), targets, payload, {
    topic: conversationTopic(conversationId),
    urgency: personal ? 'high' : 'normal',
    ttlSeconds: MESSAGE_TTL_SECONDS,
  });
  const delivered = [...(job.delivered ?? []), ...result.delivered];
  if (result.retry) return { outcome: 'retry', delivered };
  await deps.state.markNotified(userId, conversationId, newest.seq, delivered.length > 0);
  return { outcome: delivered.length > 0 ? 'sent' : 'failed', coveredSeq: covered };
}

function dropped(deps: PushDeps, reason: DropReason, coveredSeq: number | null): PushMessageResult {
  deps.metrics.dropped.inc({ reason });
  return { outcome: 'dropped', reason, coveredSeq };
}

/** Over the limit: remembered for the summary sent when the user's window ends. */
async function fold(deps: PushDeps, userId: string, conversationId: string, seq: number, resetInMs: number) {
  await deps.state.fold(userId, conversationId);
  await deps.state.markNotified(userId, conversationId, seq, false);
  await deps.queue.add(
    PUSH_SUMMARY_JOB,
    { userId },
    { ...pushJobOptions(deps.config), delay: resetInMs, jobId: pushSummaryJobId(userId) },
  );
  deps.metrics.dropped.inc({ reason: 'folded' });
}

/** Whether messages for the user arrived after the job looked (their own job was swallowed by this one). */
export async function newerMessagesArrived(
  deps: PushDeps,
  job: PushMessageJob,
  coveredSeq: number,
): Promise<boolean> {
  const newer = await deps.db.message.count({
    where: { ...fromOthers(job.conversationId, job.userId), seq: { gt: coveredSeq } },
  });
  return newer > 0;
}
