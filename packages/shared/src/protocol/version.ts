/**
 * Bumped on any incompatible change to an event or payload. History:
 * 1 — first protocol: messages, sync by per-conversation change seq, read state, presence, typing.
 */
export const PROTOCOL_VERSION = 1;
