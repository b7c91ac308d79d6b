import type { ErrorCode } from '@parley/shared';

/** A refusal of the core's own, with a code the renderer knows. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode | 'IO',
    message: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}
