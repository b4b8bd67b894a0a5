import type { ErrorBody } from '@confab/shared';
import type { z } from 'zod';
import { DomainError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';

export function validationError(error: z.ZodError, what: string): DomainError {
  return new DomainError('bad_request', `invalid ${what}`, {
    issues: error.issues.map((issue) => ({
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: issue.message,
    })),
  });
}

/** Expected refusals keep their code; anything else is logged and reported as `internal`. */
export function toErrorBody(error: unknown, log: Logger): ErrorBody {
  if (error instanceof DomainError) return error.toBody();
  log.error({ err: error }, 'unexpected error');
  return { code: 'internal', message: 'something went wrong; try again' };
}
