import { Limits } from '@parley/shared/limits';
import type { TFunction } from 'i18next';
import { IpcError } from '../../api/parley.js';
import { errorText } from '../common/error-text.js';

const messageCodes = [
  'BLOCKED',
  'NOT_FRIENDS',
  'NOT_MEMBER',
  'CONVERSATION_DISSOLVED',
  'NOT_AUTHOR',
  'RECALL_WINDOW_EXPIRED',
  'MESSAGE_RECALLED',
  'MESSAGE_NOT_FOUND',
  'VALIDATION_FAILED',
  'FILE_TOO_LARGE',
  'QUOTA_EXCEEDED',
  'UPLOAD_EXPIRED',
  'UPLOAD_INCOMPLETE',
  'CHECKSUM_MISMATCH',
  'UNSUPPORTED_IMAGE',
  'IMAGE_TOO_LARGE',
  'FILE_KIND_MISMATCH',
  'FILE_NOT_FOUND',
  'FILE_NOT_READY',
  'IO',
] as const;

/** Why sending, editing, recalling or reacting failed, in the words of the conversation view. */
export function messageErrorText(t: TFunction<'conversation'>, tc: TFunction, err: unknown): string {
  if (err instanceof IpcError) {
    const code = messageCodes.find((c) => c === err.code);
    if (code) return t(`errors.${code}`, { minutes: Limits.recallWindowMs / 60_000 });
  }
  return errorText(tc, err);
}
