import { IpcError } from '@parley/shared/ipc-api';
import { Limits } from '@parley/shared/limits';

export type AuthMode = 'login' | 'register';
export type AuthField = 'username' | 'displayName' | 'password' | 'confirm' | 'inviteCode';
export type AuthFields = Record<AuthField, string>;

/** Keys of `auth:fieldErrors`. */
export type FieldError =
  | 'required'
  | 'usernameRule'
  | 'displayNameRule'
  | 'passwordRule'
  | 'mismatch'
  | 'usernameTaken'
  | 'inviteRequired'
  | 'inviteInvalid';

/** Keys of `auth:formErrors`. */
export type FormError =
  | 'invalidCredentials'
  | 'network'
  | 'badResponse'
  | 'rateLimited'
  | 'shuttingDown'
  | 'invalidInput'
  | 'registrationClosed'
  | 'accountDisabled'
  | 'keyUntrusted'
  | 'keyChanged'
  | 'generic';

export interface AuthErrors {
  fields: Partial<Record<AuthField, FieldError>>;
  form: FormError | null;
  /** The server address itself was refused: the user goes back to step 1. */
  serverAddress: boolean;
}

export const noErrors: AuthErrors = { fields: {}, form: null, serverAddress: false };

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * What can be told before asking the server, with the same limits the server applies. `needsInvite`:
 * the server takes new accounts by invitation only.
 */
export function validateAuthForm(mode: AuthMode, f: AuthFields, needsInvite = false): AuthErrors['fields'] {
  const errors: AuthErrors['fields'] = {};
  if (mode === 'login') {
    if (f.username.trim() === '') errors.username = 'required';
    if (f.password === '') errors.password = 'required';
    return errors;
  }
  const username = f.username.trim();
  if (username === '') errors.username = 'required';
  else if (
    username.length < Limits.usernameMin ||
    username.length > Limits.usernameMax ||
    !/^[A-Za-z0-9_.-]+$/.test(username)
  )
    errors.username = 'usernameRule';
  const displayName = f.displayName.trim();
  if (displayName === '') errors.displayName = 'required';
  else if (codePoints(displayName) > Limits.displayNameMax || /[\u0000-\u001f\u007f]/.test(displayName))
    errors.displayName = 'displayNameRule';
  if (f.password === '') errors.password = 'required';
  else if (f.password.length < Limits.passwordMin || f.password.length > Limits.passwordMax)
    errors.password = 'passwordRule';
  if (f.confirm !== f.password && !errors.password) errors.confirm = 'mismatch';
  if (needsInvite && f.inviteCode.trim() === '') errors.inviteCode = 'inviteRequired';
  return errors;
}

const ruleOf: Partial<Record<string, [AuthField, FieldError]>> = {
  username: ['username', 'usernameRule'],
  displayName: ['displayName', 'displayNameRule'],
  password: ['password', 'passwordRule'],
  inviteCode: ['inviteCode', 'inviteInvalid'],
};

/** A refused login or registration as the form shows it: on the field it concerns when there is one. */
export function authErrorsOf(err: unknown): AuthErrors {
  if (!(err instanceof IpcError)) return { ...noErrors, form: 'generic' };
  switch (err.code) {
    case 'USERNAME_TAKEN':
      return { ...noErrors, fields: { username: 'usernameTaken' } };
    case 'INVALID_CREDENTIALS':
      return { ...noErrors, form: 'invalidCredentials' };
    case 'INVITE_REQUIRED':
      return { ...noErrors, fields: { inviteCode: 'inviteRequired' } };
    case 'INVITE_INVALID':
      return { ...noErrors, fields: { inviteCode: 'inviteInvalid' } };
    case 'REGISTRATION_CLOSED':
      return { ...noErrors, form: 'registrationClosed' };
    case 'ACCOUNT_DISABLED':
      return { ...noErrors, form: 'accountDisabled' };
    case 'NETWORK':
      return { ...noErrors, form: 'network' };
    case 'BAD_RESPONSE':
      return { ...noErrors, form: 'badResponse' };
    case 'RATE_LIMITED':
      return { ...noErrors, form: 'rateLimited' };
    case 'SERVER_SHUTTING_DOWN':
      return { ...noErrors, form: 'shuttingDown' };
    case 'TLS_UNTRUSTED':
      return { ...noErrors, form: 'keyUntrusted' };
    case 'TLS_KEY_CHANGED':
      return { ...noErrors, form: 'keyChanged' };
    case 'IPC_INVALID_REQUEST':
    case 'VALIDATION_FAILED': {
      const fields: AuthErrors['fields'] = {};
      let serverAddress = false;
      for (const issue of err.issues) {
        const top = issue.path.split('.')[0] ?? '';
        if (top === 'serverUrl') serverAddress = true;
        const rule = ruleOf[top];
        if (rule) fields[rule[0]] ??= rule[1];
      }
      const known = serverAddress || Object.keys(fields).length > 0;
      return { fields, form: known ? null : 'invalidInput', serverAddress };
    }
    default:
      return { ...noErrors, form: 'generic' };
  }
}

/** Keys of `auth:server.errors`: why a server address could not be used. */
export type ServerError = 'empty' | 'invalid' | 'unreachable' | 'notParley' | 'generic';

/** Why an address could not be used, with the core's words for the unexpected cases. */
export interface ServerProblem {
  kind: ServerError;
  message: string;
}

export function serverProblemOf(err: unknown): ServerProblem {
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof IpcError)) return { kind: 'generic', message };
  if (err.code === 'NETWORK') return { kind: 'unreachable', message };
  if (err.code === 'IPC_INVALID_REQUEST') return { kind: 'invalid', message };
  if (err.code === 'BAD_RESPONSE') return { kind: 'notParley', message };
  return { kind: 'generic', message };
}
