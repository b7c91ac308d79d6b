import { Limits } from '@parley/shared/limits';

export interface NewPasswordForm {
  next: string;
  confirm: string;
}

/** Keys of `auth:fieldErrors` (the length rule is the same as for a new account). */
export type NewPasswordErrors = Partial<
  Record<keyof NewPasswordForm, 'required' | 'passwordRule' | 'mismatch'>
>;

/** Checks the new password after a reset before it is sent, with the server's limits. */
export function validateNewPassword(form: NewPasswordForm): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  if (form.next === '') errors.next = 'required';
  else if (form.next.length < Limits.passwordMin || form.next.length > Limits.passwordMax)
    errors.next = 'passwordRule';
  if (form.confirm === '') errors.confirm = 'required';
  else if (form.confirm !== form.next && !errors.next) errors.confirm = 'mismatch';
  return errors;
}
