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
  },
  hints: {
    username: '3–32 letters, digits, “_”, “.” or “-”. Others find you by it.',
    displayName: 'The name people see in chats. You can change it later.',
    password: 'At least 8 characters.',
  },
  fieldErrors: {
    required: 'Required.',
    usernameRule: 'Use 3–32 letters, digits, “_”, “.” or “-”.',
    displayNameRule: 'Use at most 64 characters, on one line.',
    passwordRule: 'Use at least 8 characters.',
    mismatch: 'The passwords do not match.',
    usernameTaken: 'This username is taken. Try another one.',
  },
  formErrors: {
    invalidCredentials: 'Wrong username or password.',
    network: 'The server cannot be reached right now. Check your network and try again.',
    badResponse: 'The server gave an answer Parley does not understand.',
    rateLimited: 'Too many attempts. Wait a few minutes and try again.',
    shuttingDown: 'The server is restarting. Try again in a moment.',
    invalidInput: 'Some of the details are not valid.',
    generic: 'That did not work: {{message}}',
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
  },
  rememberWarning:
    'This computer offers Parley no secure place to keep your login, so you will have to log in again each time Parley starts.',
};
