import type { TFunction } from 'i18next';
import { IpcError } from '../../api/parley.js';
import { errorText } from '../common/error-text.js';

const known = [
  'NOT_ADMIN',
  'LAST_ADMIN',
  'CANNOT_TARGET_SELF',
  'INVITE_NOT_FOUND',
  'USER_NOT_FOUND',
  'VALIDATION_FAILED',
] as const;

/** A refused administration call in words: the codes it meets, else the common texts. */
export function adminErrorText(t: TFunction<'admin'>, tc: TFunction, err: unknown): string {
  if (err instanceof IpcError) {
    const code = known.find((c) => c === err.code);
    if (code) return t(`errors.${code}`);
  }
  return errorText(tc, err);
}
