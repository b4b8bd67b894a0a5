import webpush from 'web-push';
import { z } from 'zod';
import type { Database } from '../platform/database/prisma.js';
import { readSetting } from '../workspace/settings.js';
import type { PushConfig } from './push-config.js';

/** The server's VAPID identity: push services accept its messages for subscriptions made with the public key. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const VAPID = 'vapid';
const StoredKeys = z.object({ publicKey: z.string(), privateKey: z.string() });

/**
 * The configured keys, or the ones generated on first use and kept in the database, so that
 * subscriptions survive restarts and every process signs with the same key.
 */
export async function vapidKeys(
  db: Database,
  config: Pick<PushConfig, 'vapidPublicKey' | 'vapidPrivateKey' | 'vapidSubject'>,
): Promise<VapidKeys> {
  const subject = config.vapidSubject;
  if (config.vapidPublicKey || config.vapidPrivateKey) {
    if (!config.vapidPublicKey || !config.vapidPrivateKey) {
      throw new Error('Invalid configuration: set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither');
    }
    return { publicKey: config.vapidPublicKey, privateKey: config.vapidPrivateKey, subject };
  }
  const stored = await readSetting(db, VAPID, StoredKeys);
  if (stored) return { ...stored, subject };
  const generated = webpush.generateVAPIDKeys();
  // Processes starting together may both generate: the first write wins and everyone reads it.
  await db.workspaceSetting.createMany({
    data: [{ key: VAPID, value: { publicKey: generated.publicKey, privateKey: generated.privateKey } }],
    skipDuplicates: true,
  });
  const kept = await readSetting(db, VAPID, StoredKeys);
  if (!kept) throw new Error('the VAPID keys could not be stored');
  return { ...kept, subject };
}
