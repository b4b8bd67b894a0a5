import type { z } from 'zod';
import type { ClientEventName, ErrorBody, ErrorCode } from '../protocol/index.js';

/** Failures the client detects itself, beside the server's error codes. */
export type LocalErrorCode = 'offline' | 'timeout' | 'invalid_response' | 'stopped';

/**
 * Why a request to the server failed. For a server refusal it carries the ack's ErrorBody fields
 * (`code`, `message`, `issues`, `retryAfterMs`), so it can be matched like the ErrorBody itself.
 */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  readonly issues: ErrorBody['issues'];
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly code: ErrorCode | LocalErrorCode,
    message: string,
    extra: Pick<ErrorBody, 'issues' | 'retryAfterMs'> = {},
  ) {
    super(message);
    this.issues = extra.issues;
    this.retryAfterMs = extra.retryAfterMs;
  }

  static fromBody(body: ErrorBody): RequestError {
    return new RequestError(body.code, body.message, body);
  }

  /** The error as the protocol spells it; local failures read as `internal`. */
  toBody(): ErrorBody {
    const code = isLocalCode(this.code) ? 'internal' : this.code;
    return {
      code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    };
  }
}

function isLocalCode(code: ErrorCode | LocalErrorCode): code is LocalErrorCode {
  return code === 'offline' || code === 'timeout' || code === 'invalid_response' || code === 'stopped';
}

export function asRequestError(error: unknown): RequestError {
  if (error instanceof RequestError) return error;
  return new RequestError('internal', error instanceof Error ? error.message : String(error));
}

/** Something went wrong that the engine absorbed instead of throwing; reported through `onError`. */
export type ClientErrorReport =
  | { kind: 'invalid_event'; event: string; error: z.ZodError }
  | { kind: 'unknown_event'; event: string }
  | { kind: 'invalid_ack'; event: ClientEventName; error: z.ZodError }
  | { kind: 'request_failed'; event: ClientEventName; error: RequestError }
  | { kind: 'storage'; operation: string; error: unknown }
  | { kind: 'internal'; during: string; error: unknown };

export type ErrorReporter = (report: ClientErrorReport) => void;
