/** Connecting to a server, logging in and creating an account. */
export const auth = {
  tagline: 'Team chat on your own network',
  server: {
    title: 'Connect to your server',
    label: 'Server address',
    placeholder: 'e.g. 192.168.1.20:7400',
    hint: 'The address shown when the server starts, or ask whoever runs it.',
    check: 'Connect',
    checking: 'Connecting…',
    change: 'Change',
    version: 'version {{version}}',
    errors: {
      empty: 'Enter the server’s address.',
      invalid: 'That is not a valid address. Try something like 192.168.1.20:7400.',
      unreachable: 'No server answered at this address. Check the address, and that the server is running.',
      notParley: 'Something answered at this address, but it is not a Parley server.',
      generic: 'The server could not be checked: {{message}}',
    },
    discovered: {
      title: 'On your network',
      looking: 'Looking for Parley servers on your network…',
      notPrivate: 'not private (http)',
      unreachable: 'Found, but it does not answer from this computer.',
    },
  },
  tabs: {
    label: 'Log in or create an account',
    login: 'Log in',
    register: 'Create account',
  },
  fields: {
    username: 'Username',
    displayName: 'Display name',
    password: 'Password',
    confirm: 'Confirm password',
    inviteCode: 'Invite code',
  },
  hints: {
    username: '3–32 letters, digits, “_”, “.” or “-”. Others find you by it.',
    displayName: 'The name people see in chats. You can change it later.',
    password: 'At least 8 characters.',
    inviteCode: 'This server takes new accounts by invitation. Ask an administrator for a code.',
  },
  fieldErrors: {
    required: 'Required.',
    usernameRule: 'Use 3–32 letters, digits, “_”, “.” or “-”.',
    displayNameRule: 'Use at most 64 characters, on one line.',
    passwordRule: 'Use at least 8 characters.',
    mismatch: 'The passwords do not match.',
    usernameTaken: 'This username is taken. Try another one.',
    inviteRequired: 'Enter the invite code you were given.',
    inviteInvalid: 'This invite code is not valid, or it expired or was used up.',
  },
  formErrors: {
    invalidCredentials: 'Wrong username or password.',
    network: 'The server cannot be reached right now. Check your network and try again.',
    badResponse: 'The server gave an answer Parley does not understand.',
    rateLimited: 'Too many attempts. Wait a few minutes and try again.',
    shuttingDown: 'The server is restarting. Try again in a moment.',
    invalidInput: 'Some of the details are not valid.',
    registrationClosed: 'This server does not take new accounts. Ask an administrator.',
    accountDisabled: 'An administrator disabled this account.',
    generic: 'That did not work: {{message}}',
    keyUntrusted: 'This server’s key is not trusted yet. Choose “Change”, connect again and check its key.',
    keyChanged:
      'The server’s key has changed — this could be an attack. Nothing was sent. Choose “Change” and connect again to check it.',
  },
  submit: {
    login: 'Log in',
    register: 'Create account',
    loggingIn: 'Logging in…',
    registering: 'Creating account…',
  },
  signedOut: {
    revoked: 'This device was signed out from another of your devices. Log in again to continue.',
    passwordChanged:
      'Your password was changed, so this device was signed out. Log in with the new password.',
    security:
      'For your security this device was signed out, because its login was used somewhere else. Log in again.',
    expired: 'Your login is no longer valid. Log in again to continue.',
    disabled: 'An administrator disabled your account, so this device was signed out.',
    passwordReset:
      'An administrator reset your password. Log in with the temporary password you were given, then choose a new one.',
  },
  newPassword: {
    title: 'Choose a new password',
    body: 'An administrator reset the password of {{username}}. Choose a new one to continue: the temporary password stops working.',
    next: 'New password',
    confirm: 'Confirm new password',
    submit: 'Set password and continue',
    submitting: 'Saving…',
    back: 'Back to log in',
  },
  tls: {
    notPrivate: 'Not private',
    notPrivateHint:
      'Plain HTTP: messages and passwords cross the network unencrypted. Whoever runs the server can turn on HTTPS (--tls).',
    private: 'Encrypted (HTTPS)',
    fingerprintLabel: 'SHA-256 fingerprint of the server’s key',
    firstTitle: 'Check the server’s key',
    firstBody:
      'This is the first time Parley connects to {{address}}. Check that this matches the fingerprint shown on the server:',
    firstHint:
      'The server shows it when it starts (“Key fingerprint”). Parley remembers the key and warns you if it ever changes.',
    trust: 'It matches — trust this server',
    changedTitle: 'The server’s key has changed — this could be an attack',
    changedBody:
      'The server at {{address}} presents another key than the one you trusted. Nothing was sent to it. If its administrator did not replace the key, someone may be intercepting the connection.',
    trustedKey: 'The key you trusted',
    newKey: 'The key it presents now',
    changedHint: 'Only trust the new key if it matches the fingerprint shown on the server.',
    trustNew: 'Trust the new key',
    trusting: 'Saving…',
    checking: 'Checking the server’s key…',
    failed: 'The key could not be checked: {{message}}',
  },
  rememberWarning:
    'This computer offers Parley no secure place to keep your login, so you will have to log in again each time Parley starts.',
};
