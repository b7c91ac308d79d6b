/** What the sign-in screen says about why the app signed me out. */
export type SignedOutWhy =
  'revoked' | 'passwordChanged' | 'security' | 'expired' | 'disabled' | 'passwordReset';

/**
 * The core's reason for signing me out (the server's notice, or the code that refused the session)
 * as a sentence key; null when there is nothing to explain: I logged out myself.
 */
export function signedOutWhy(reason: string | null): SignedOutWhy | null {
  switch (reason) {
    case null:
    case 'logged_out':
      return null;
    case 'revoked':
    case 'SESSION_REVOKED':
      return 'revoked';
    case 'password_changed':
      return 'passwordChanged';
    case 'refresh_reused':
    case 'REFRESH_TOKEN_REUSED':
      return 'security';
    case 'account_disabled':
    case 'ACCOUNT_DISABLED':
      return 'disabled';
    case 'password_reset':
    case 'PASSWORD_CHANGE_REQUIRED':
      return 'passwordReset';
    default:
      return 'expired';
  }
}
