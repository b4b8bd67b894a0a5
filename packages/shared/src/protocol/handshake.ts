import { z } from 'zod';

/** Sent in Socket.IO's `auth` on every (re)connection. */
export const Handshake = z.object({
  token: z.string().min(1).max(4_000),
  protocolVersion: z.number().int().positive(),
});
export type Handshake = z.infer<typeof Handshake>;
