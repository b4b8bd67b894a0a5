import type { ServerToClientEvents } from '@confab/shared';
import type { EventPublisher } from '../../platform/events.js';
import { deviceRoom, userRoom } from './rooms.js';
import type { ConfabIo } from './types.js';

/** Publishes through Socket.IO's Redis adapter, so every server process delivers to its own sockets. */
export function socketPublisher(io: ConfabIo): EventPublisher {
  return {
    toUsers(userIds, event, payload, options) {
      const recipients = userIds.filter((id) => id !== options?.exceptUserId);
      // An empty room list would mean "everyone" to Socket.IO.
      if (recipients.length === 0) return;
      io.to(recipients.map(userRoom)).emit(
        event,
        ...([payload] as Parameters<ServerToClientEvents[typeof event]>),
      );
    },
    disconnectDevice(deviceId) {
      io.in(deviceRoom(deviceId)).disconnectSockets(true);
    },
  };
}
