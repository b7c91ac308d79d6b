import type { z } from 'zod';
import type { ErrorBody } from './errors.js';

/** Turns a schema failure into the VALIDATION_FAILED error body every boundary returns. */
export function validationError(error: z.ZodError): ErrorBody {
  const issues = error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  const first = issues[0];
  return {
    code: 'VALIDATION_FAILED',
    message: first ? `${first.path}: ${first.message}` : 'invalid payload',
    issues,
  };
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, error: validationError(result.error) };
}
