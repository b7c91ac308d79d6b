import type { TFunction } from 'i18next';
import { IpcError } from '../../api/parley.js';
import { errorText } from '../common/error-text.js';
import { people } from '../../i18n/locales/en/people.js';

type PeopleErrorCode = keyof typeof people.errors;

function isPeopleCode(code: string): code is PeopleErrorCode {
  return Object.hasOwn(people.errors, code);
}

/** A refusal about people or groups in words, falling back to the common error texts. */
export function peopleErrorText(t: TFunction<'people'>, tc: TFunction, err: unknown): string {
  if (err instanceof IpcError && isPeopleCode(err.code)) return t(`errors.${err.code}`);
  return errorText(tc, err);
}
