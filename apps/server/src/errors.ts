import type { ErrorBody, ErrorCode } from '@parley/shared';

/** An error meant for the client: its code is stable and its message is safe to show. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Pick<ErrorBody, 'retryAfterMs' | 'issues' | 'revokeReason'> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

/** Any thrown value as an error body; unexpected ones are hidden behind INTERNAL. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  return { code: 'INTERNAL', message: 'internal server error' };
}
