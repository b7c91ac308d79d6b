/** Words used across screens. The English files are the source of the keys; zh-CN must match them. */
export const common = {
  appName: 'Parley',
  nav: {
    chats: 'Chats',
    people: 'People',
    settings: 'Settings',
  },
  connection: {
    'signed-out': 'Signed out',
    connecting: 'Connecting…',
    online: 'Connected',
    offline: 'Offline — showing saved messages; what you send goes out when the connection is back',
    backOnline: 'Back online',
  },
  actions: {
    cancel: 'Cancel',
    close: 'Close',
    save: 'Save',
    confirm: 'Confirm',
    retry: 'Retry',
    delete: 'Delete',
    copy: 'Copy',
    done: 'Done',
    back: 'Back',
  },
  time: {
    today: 'Today',
    yesterday: 'Yesterday',
    justNow: 'just now',
  },
  errors: {
    generic: 'Something went wrong: {{message}}',
    NETWORK: 'The server cannot be reached. Check the address and that the server is running.',
    RATE_LIMITED: 'Too many attempts. Wait a moment and try again.',
    FORBIDDEN: 'You are not allowed to do that.',
    NOT_FOUND: 'It no longer exists.',
    IPC_INVALID_REQUEST: 'That input is not valid.',
  },
  emptyPane: 'Pick a conversation, or start one from People.',
  loading: 'Loading…',
  you: 'You',
};
