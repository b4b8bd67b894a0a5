import { ErrorBody } from '@confab/shared';

/** An HTTP answer that was not a success, with the server's `{ code, message }` when it sent one. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  static async from(response: Response): Promise<ApiError> {
    const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
    if (parsed.success) return new ApiError(response.status, parsed.data.code, parsed.data.message);
    return new ApiError(response.status, 'internal', `${response.status} ${response.statusText}`);
  }
}

/** A message fit for a person, whatever failed. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'The server could not be reached. Check your connection.';
  if (error instanceof Error) return error.message;
  return String(error);
}
