import type { ErrorBody, ErrorCode } from '@confab/shared';

/** An expected refusal, carried to the client as `{ code, message }`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Pick<ErrorBody, 'issues' | 'retryAfterMs'> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const forbidden = (why: string) => new DomainError('forbidden', why);
export const conflict = (why: string) => new DomainError('conflict', why);

/** Prisma's "no record matched" of an `update` whose where-clause found nothing. */
export function isRecordNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2025';
}

/** Prisma's unique-constraint violation, from any query or transaction. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}
