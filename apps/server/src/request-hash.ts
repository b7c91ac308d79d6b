import { createHash } from 'node:crypto';

/**
 * What an idempotent request asked for, as a short digest: a retry under the same client id must
 * hash the same, or it is another request under a reused id (IDEMPOTENCY_CONFLICT). `parts` are
 * put in a canonical order by the caller (sets sorted, absent fields null).
 */
export function requestHash(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}
