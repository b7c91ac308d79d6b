import type { TFunction } from 'i18next';
import { IpcError } from '../../api/parley.js';

const known = ['NETWORK', 'RATE_LIMITED', 'FORBIDDEN', 'NOT_FOUND', 'IPC_INVALID_REQUEST'] as const;

/** A refusal as the user reads it: a translated sentence for the codes people meet, else the message. */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof IpcError) {
    const code = known.find((c) => c === err.code);
    if (code) return t(`errors.${code}`);
    return t('errors.generic', { message: err.message });
  }
  return t('errors.generic', { message: err instanceof Error ? err.message : String(err) });
}
