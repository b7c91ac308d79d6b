import type { HostStatus } from '@parley/shared';
import type { TFunction } from 'i18next';

/** Why hosting is not running, in words. */
export function hostFailureText(t: TFunction<'hosting'>, error: NonNullable<HostStatus['error']>): string {
  return t(`failure.${error.reason}`, { message: error.message });
}
