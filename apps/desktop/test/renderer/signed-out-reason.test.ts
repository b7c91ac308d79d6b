import { describe, expect, it } from 'vitest';
import { signedOutWhy } from '../../src/renderer/components/auth/signed-out-reason.js';

describe('why the sign-in screen says I was signed out', () => {
  it('says nothing after my own log out', () => {
    expect(signedOutWhy(null)).toBeNull();
    expect(signedOutWhy('logged_out')).toBeNull();
  });

  it('tells a session revoked elsewhere, live or found out at the next refresh', () => {
    expect(signedOutWhy('revoked')).toBe('revoked');
    expect(signedOutWhy('SESSION_REVOKED')).toBe('revoked');
  });

  it('tells a password change and a login used twice apart', () => {
    expect(signedOutWhy('password_changed')).toBe('passwordChanged');
    expect(signedOutWhy('refresh_reused')).toBe('security');
    expect(signedOutWhy('REFRESH_TOKEN_REUSED')).toBe('security');
  });

  it('tells what an administrator did: disabled the account, or reset the password', () => {
    expect(signedOutWhy('account_disabled')).toBe('disabled');
    expect(signedOutWhy('ACCOUNT_DISABLED')).toBe('disabled');
    expect(signedOutWhy('password_reset')).toBe('passwordReset');
    expect(signedOutWhy('PASSWORD_CHANGE_REQUIRED')).toBe('passwordReset');
  });

  it('falls back to a login that is no longer valid for any other refusal', () => {
    expect(signedOutWhy('TOKEN_INVALID')).toBe('expired');
    expect(signedOutWhy('UNAUTHENTICATED')).toBe('expired');
  });
});
