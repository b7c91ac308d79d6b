import { describe, expect, it } from 'vitest';
import { hasErrors, validatePasswordForm } from '../../src/renderer/components/settings/password-form.js';

describe('validatePasswordForm', () => {
  it('accepts a new password of 8 or more characters that differs from the current one and is confirmed', () => {
    const errors = validatePasswordForm({ current: 'old secret', next: 'new secret', confirm: 'new secret' });
    expect(errors).toEqual({});
    expect(hasErrors(errors)).toBe(false);
  });

  it('requires every field', () => {
    expect(validatePasswordForm({ current: '', next: '', confirm: '' })).toEqual({
      current: 'required',
      next: 'required',
      confirm: 'required',
    });
  });

  it('refuses a new password shorter than the server minimum, or longer than its maximum', () => {
    expect(validatePasswordForm({ current: 'x', next: '1234567', confirm: '1234567' }).next).toBe('tooShort');
    expect(
      validatePasswordForm({ current: 'x', next: '12345678', confirm: '12345678' }).next,
    ).toBeUndefined();
    const long = 'a'.repeat(257);
    expect(validatePasswordForm({ current: 'x', next: long, confirm: long }).next).toBe('tooLong');
  });

  it('refuses a new password equal to the current one', () => {
    expect(validatePasswordForm({ current: 'same pass', next: 'same pass', confirm: 'same pass' })).toEqual({
      next: 'sameAsCurrent',
    });
  });

  it('refuses a confirmation that does not match', () => {
    const errors = validatePasswordForm({ current: 'old secret', next: 'new secret', confirm: 'new secreT' });
    expect(errors).toEqual({ confirm: 'mismatch' });
    expect(hasErrors(errors)).toBe(true);
  });
});
