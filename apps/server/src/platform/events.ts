import type { ServerEvent, ServerEventName } from '@confab/shared';

/**
 * The one way domain code reaches clients. Call it only after the transaction that made the
 * change has committed; choosing `userIds` is a security decision (only members, only the user).
 */
export interface EventPublisher {
  toUsers<E extends ServerEventName>(
    userIds: readonly string[],
    event: E,
    payload: ServerEvent<E>,
    options?: { exceptUserId?: string },
  ): void;
  /** Ends every live connection of a device, on every server process. */
  disconnectDevice(deviceId: string): void;
}
