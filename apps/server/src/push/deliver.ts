import { createHash } from 'node:crypto';
import type https from 'node:https';
import type { PushPayload } from '@confab/shared';
import webpush from 'web-push';
import type { Database } from '../platform/database/prisma.js';
import type { Logger } from '../platform/logger.js';
import type { PushMetrics } from './push-metrics.js';
import type { PushTarget } from './subscriptions.js';
import type { VapidKeys } from './vapid.js';

export interface PushSender {
  db: Database;
  log: Logger;
  metrics: PushMetrics;
  vapid: VapidKeys;
  /** Trusts PUSH_CA_FILE's CAs besides the system's. */
  agent: https.Agent | undefined;
  timeoutMs: number;
}

export interface DeliveryOptions {
  /** Push services replace an undelivered message that has the same topic. */
  topic: string | undefined;
  urgency: webpush.Urgency;
  ttlSeconds: number;
}

/** The Web Push `Topic` of a conversation: at most 32 base64url characters, not the id itself. */
export const conversationTopic = (conversationId: string) =>
  createHash('sha256').update(conversationId).digest('base64url').slice(0, 32);

type Outcome = 'sent' | 'gone' | 'rejected' | 'retry';

/** Network errors (ECONNREFUSED, ECONNRESET, ...) and web-push's socket timeout: worth retrying. */
const isTransient = (error: unknown) =>
  error instanceof Error &&
  (typeof (error as NodeJS.ErrnoException).code === 'string' || error.message === 'Socket timeout');

async function deliverOne(
  sender: PushSender,
  target: PushTarget,
  payload: PushPayload,
  options: DeliveryOptions,
): Promise<Outcome> {
  try {
    await webpush.sendNotification(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      JSON.stringify(payload),
      {
        vapidDetails: sender.vapid,
        TTL: options.ttlSeconds,
        urgency: options.urgency,
        ...(options.topic && { topic: options.topic }),
        ...(sender.agent && { agent: sender.agent }),
        timeout: sender.timeoutMs,
      },
    );
    sender.metrics.sent.inc({ kind: payload.type });
    return 'sent';
  } catch (error) {
    if (error instanceof webpush.WebPushError) {
      if (error.statusCode === 404 || error.statusCode === 410) {
        // The browser unsubscribed or the subscription expired: it will never work again.
        await sender.db.pushSubscription.deleteMany({ where: { id: target.id } });
        sender.metrics.failed.inc({ reason: 'gone' });
        return 'gone';
      }
      if (error.statusCode >= 500) {
        sender.metrics.failed.inc({ reason: 'server_error' });
        return 'retry';
      }
      sender.metrics.failed.inc({ reason: 'rejected' });
      sender.log.warn(
        { statusCode: error.statusCode, body: error.body.slice(0, 500), subscriptionId: target.id },
        'push service refused a notification',
      );
      return 'rejected';
    }
    if (isTransient(error)) {
      sender.metrics.failed.inc({ reason: 'timeout' });
      return 'retry';
    }
    sender.metrics.failed.inc({ reason: 'rejected' });
    sender.log.warn({ err: error, subscriptionId: target.id }, 'could not send a notification');
    return 'rejected';
  }
}

/** Sends to every target; `retry` when a push service failed in a way worth another try. */
export async function deliverToAll(
  sender: PushSender,
  targets: readonly PushTarget[],
  payload: PushPayload,
  options: DeliveryOptions,
): Promise<{ delivered: string[]; retry: boolean }> {
  const outcomes = await Promise.all(targets.map((target) => deliverOne(sender, target, payload, options)));
  return {
    delivered: targets.filter((_, i) => outcomes[i] === 'sent').map((target) => target.id),
    retry: outcomes.includes('retry'),
  };
}
