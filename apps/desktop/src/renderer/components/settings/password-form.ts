import { Limits } from '@parley/shared/limits';

export interface PasswordForm {
  current: string;
  next: string;
  confirm: string;
}

export type PasswordField = keyof PasswordForm;

/** Why a field is refused: a key of settings:password.errors. */
export type PasswordError = 'required' | 'tooShort' | 'tooLong' | 'sameAsCurrent' | 'mismatch';

export type PasswordErrors = Partial<Record<PasswordField, PasswordError>>;

/** Checks the change-password form before it is sent, with the server's limits (zod counts UTF-16 units). */
export function validatePasswordForm(form: PasswordForm): PasswordErrors {
  const errors: PasswordErrors = {};
  if (form.current === '') errors.current = 'required';
  if (form.next === '') errors.next = 'required';
  else if (form.next.length < Limits.passwordMin) errors.next = 'tooShort';
  else if (form.next.length > Limits.passwordMax) errors.next = 'tooLong';
  else if (form.current !== '' && form.next === form.current) errors.next = 'sameAsCurrent';
  if (form.confirm === '') errors.confirm = 'required';
  else if (form.confirm !== form.next) errors.confirm = 'mismatch';
  return errors;
}

export function hasErrors(errors: PasswordErrors): boolean {
  return Object.keys(errors).length > 0;
}
