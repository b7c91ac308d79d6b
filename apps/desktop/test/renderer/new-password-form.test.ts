import { describe, expect, it } from 'vitest';
import { validateNewPassword } from '../../src/renderer/components/auth/new-password-form.js';

describe('the new password after a reset', () => {
  it('must be long enough and typed twice the same', () => {
    expect(validateNewPassword({ next: 'a good passphrase', confirm: 'a good passphrase' })).toEqual({});
    expect(validateNewPassword({ next: '', confirm: '' })).toEqual({ next: 'required', confirm: 'required' });
    expect(validateNewPassword({ next: 'short', confirm: 'short' })).toEqual({ next: 'passwordRule' });
    expect(validateNewPassword({ next: 'a good passphrase', confirm: 'a good passphrasf' })).toEqual({
      confirm: 'mismatch',
    });
  });
});
