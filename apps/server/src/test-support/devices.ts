import type { Session } from '@confab/shared';
import {
  type ConfabClient,
  createConfabClient,
  createMemoryConversationStorage,
  createMemoryOutboxStorage,
} from '@confab/shared/client';
import type { TestWorld } from './test-world.js';

/** A device running the real client sync engine, with storage that outlives stop() and start(). */
export interface Device {
  client: ConfabClient;
  session: Session;
  /** Stops this device's engine and starts a new one on the same storage, as an app restart does. */
  restart(): Promise<void>;
}

export async function startDevice(
  world: TestWorld,
  session: Session,
  options: { url?: string } = {},
): Promise<Device> {
  const storage = { outbox: createMemoryOutboxStorage(), conversations: createMemoryConversationStorage() };
  const errors: unknown[] = [];
  const make = () =>
    createConfabClient({
      url: options.url ?? world.url,
      userId: session.user.id,
      getAccessToken: async () => session.accessToken,
      storage,
      socketOptions: { transports: ['websocket'] },
      onError: (report) => errors.push(report),
    });
  const device: Device = {
    client: make(),
    session,
    async restart() {
      await device.client.stop();
      device.client = make();
      await device.client.start();
      await device.client.whenSynced();
    },
  };
  await device.client.start();
  await device.client.whenSynced();
  return device;
}

/** Resolves when `check` holds for the client, re-checking after every change it reports. */
export function until(client: ConfabClient, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`condition not met within ${timeoutMs} ms: ${check.toString()}`));
    }, timeoutMs);
    const unsubscribe = client.subscribe(() => {
      if (!check()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}
