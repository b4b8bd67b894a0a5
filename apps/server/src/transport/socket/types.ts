import type { ClientToServerEvents, Presence, ServerToClientEvents } from '@confab/shared';
import type { Server, Socket } from 'socket.io';
import type { Actor } from '../../context.js';

/** Messages between server processes (through the Redis adapter), never seen by clients. */
export interface InterServerEvents {
  'presence:batch': (updates: Presence[]) => void;
}

export type SocketData = Actor;
export type ConfabIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ConfabSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
