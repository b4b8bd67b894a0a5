import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../platform/errors.js';

/**
 * Search cursors are opaque to clients: base64url JSON holding the engine's own position and a
 * fingerprint of the search it belongs to, so a cursor can't be replayed against another query,
 * sort or engine.
 */
const Payload = z.strictObject({ v: z.literal(1), f: z.string(), at: z.unknown() });

export const badCursor = () =>
  new DomainError('bad_request', 'this cursor does not belong to this search: start again without it', {
    issues: [{ path: ['cursor'], message: 'invalid cursor' }],
  });

/** What a cursor is tied to. */
export function searchFingerprint(parts: readonly (string | number)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeCursor(fingerprint: string, at: unknown): string {
  return Buffer.from(JSON.stringify({ v: 1, f: fingerprint, at })).toString('base64url');
}

/** The engine's position; a bad_request for a cursor of another search or no cursor at all. */
export function decodeCursor(cursor: string, fingerprint: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const payload = Payload.safeParse(json);
  if (!payload.success || payload.data.f !== fingerprint || payload.data.at == null) throw badCursor();
  return payload.data.at;
}
