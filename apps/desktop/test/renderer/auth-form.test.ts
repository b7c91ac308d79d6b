import { IpcError } from '@parley/shared/ipc-api';
import { describe, expect, it } from 'vitest';
import {
  type AuthFields,
  authErrorsOf,
  serverProblemOf,
  validateAuthForm,
} from '../../src/renderer/components/auth/auth-form.js';

const filled: AuthFields = {
  username: 'mei_li',
  displayName: 'Mei Li',
  password: 'correct horse',
  confirm: 'correct horse',
  inviteCode: '',
};

describe('validateAuthForm', () => {
  it('asks only for a username and a password to log in', () => {
    expect(validateAuthForm('login', { ...filled, displayName: '', confirm: '' })).toEqual({});
    expect(validateAuthForm('login', { ...filled, username: ' ', password: '' })).toEqual({
      username: 'required',
      password: 'required',
    });
  });

  it('applies the server’s rules to a new account', () => {
    expect(validateAuthForm('register', filled)).toEqual({});
    expect(validateAuthForm('register', { ...filled, username: 'mé' })).toEqual({ username: 'usernameRule' });
    expect(validateAuthForm('register', { ...filled, username: 'a'.repeat(33) })).toEqual({
      username: 'usernameRule',
    });
    expect(validateAuthForm('register', { ...filled, displayName: '  ' })).toEqual({
      displayName: 'required',
    });
    expect(validateAuthForm('register', { ...filled, displayName: '李'.repeat(65) })).toEqual({
      displayName: 'displayNameRule',
    });
    expect(validateAuthForm('register', { ...filled, displayName: '李'.repeat(64) })).toEqual({});
    expect(validateAuthForm('register', { ...filled, password: 'short', confirm: 'short' })).toEqual({
      password: 'passwordRule',
    });
  });

  it('wants an invite code only where the server takes accounts by invitation', () => {
    expect(validateAuthForm('register', filled, true)).toEqual({ inviteCode: 'inviteRequired' });
    expect(validateAuthForm('register', { ...filled, inviteCode: ' ABCD-EFGH-JKMN ' }, true)).toEqual({});
    expect(validateAuthForm('login', filled, true)).toEqual({});
  });

  it('wants the password typed twice the same', () => {
    expect(validateAuthForm('register', { ...filled, confirm: 'correct horsf' })).toEqual({
      confirm: 'mismatch',
    });
  });
});

describe('authErrorsOf', () => {
  it('puts a taken username on the username field', () => {
    const e = authErrorsOf(new IpcError({ code: 'USERNAME_TAKEN', message: 'taken' }));
    expect(e).toEqual({ fields: { username: 'usernameTaken' }, form: null, serverAddress: false });
  });

  it('says wrong credentials for the whole form', () => {
    expect(authErrorsOf(new IpcError({ code: 'INVALID_CREDENTIALS', message: 'no' })).form).toBe(
      'invalidCredentials',
    );
    expect(authErrorsOf(new IpcError({ code: 'RATE_LIMITED', message: 'slow down' })).form).toBe(
      'rateLimited',
    );
    expect(authErrorsOf(new IpcError({ code: 'NETWORK', message: 'down' })).form).toBe('network');
  });

  it('puts a missing or refused invite code on its field, and a closed server or disabled account on the form', () => {
    expect(authErrorsOf(new IpcError({ code: 'INVITE_REQUIRED', message: 'code' })).fields).toEqual({
      inviteCode: 'inviteRequired',
    });
    expect(authErrorsOf(new IpcError({ code: 'INVITE_INVALID', message: 'no' })).fields).toEqual({
      inviteCode: 'inviteInvalid',
    });
    expect(authErrorsOf(new IpcError({ code: 'REGISTRATION_CLOSED', message: 'no' })).form).toBe(
      'registrationClosed',
    );
    expect(authErrorsOf(new IpcError({ code: 'ACCOUNT_DISABLED', message: 'no' })).form).toBe(
      'accountDisabled',
    );
  });

  it('maps the fields of a refused request by their path', () => {
    const e = authErrorsOf(
      new IpcError({
        code: 'IPC_INVALID_REQUEST',
        message: 'bad',
        issues: [
          { path: 'password', message: 'too short' },
          { path: 'displayName', message: 'too long' },
        ],
      }),
    );
    expect(e).toEqual({
      fields: { password: 'passwordRule', displayName: 'displayNameRule' },
      form: null,
      serverAddress: false,
    });
  });

  it('sends a refused server address back to the first step', () => {
    const e = authErrorsOf(
      new IpcError({
        code: 'IPC_INVALID_REQUEST',
        message: 'bad',
        issues: [{ path: 'serverUrl', message: 'x' }],
      }),
    );
    expect(e.serverAddress).toBe(true);
  });

  it('falls back to a general message for anything else', () => {
    expect(authErrorsOf(new IpcError({ code: 'VALIDATION_FAILED', message: 'bad' })).form).toBe(
      'invalidInput',
    );
    expect(authErrorsOf(new IpcError({ code: 'INTERNAL', message: 'boom' })).form).toBe('generic');
    expect(authErrorsOf(new Error('boom')).form).toBe('generic');
  });
});

describe('serverProblemOf', () => {
  it('tells an unreachable address, a bad address and a server that is not Parley apart', () => {
    expect(serverProblemOf(new IpcError({ code: 'NETWORK', message: 'ECONNREFUSED' })).kind).toBe(
      'unreachable',
    );
    expect(serverProblemOf(new IpcError({ code: 'IPC_INVALID_REQUEST', message: 'bad url' })).kind).toBe(
      'invalid',
    );
    expect(serverProblemOf(new IpcError({ code: 'BAD_RESPONSE', message: 'HTTP 404' })).kind).toBe(
      'notParley',
    );
    expect(serverProblemOf(new IpcError({ code: 'INTERNAL', message: 'boom' }))).toEqual({
      kind: 'generic',
      message: 'boom',
    });
  });
});
