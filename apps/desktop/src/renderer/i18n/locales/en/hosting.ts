/** Hosting a server on this computer: the sign-in screen's offer and step, and Settings → Hosting. */
export const hosting = {
  offer: {
    or: 'or',
    host: 'Host a server on this computer',
  },
  step: {
    title: 'Host a server on this computer',
    intro:
      'Parley runs the server in the background while it is open. People on your network connect with the address it shows; the first account you create manages the server.',
    back: 'Join a server instead',
  },
  form: {
    name: 'Server name',
    placeholder: 'e.g. Design Team',
    hint: 'People see this name when they connect. You can change it later.',
    start: 'Start server',
    starting: 'Starting the server…',
    errors: {
      required: 'Give the server a name.',
      tooLong: 'Use at most {{max}} characters.',
      control: 'Use a single line of text.',
    },
  },
  failure: {
    'port-unavailable':
      'No free port was found: 7400 and the next ones are in use. Close the program using them and try again.',
    'data-too-new': 'The server’s data was saved by a newer version of Parley. Update Parley to host it.',
    'start-failed': 'The server could not start: {{message}}',
    crashed: 'The server stopped unexpectedly. Start it again: its data is kept.',
    unavailable: 'This window cannot host a server.',
  },
  firstAccount:
    'Your server is running. Create the first account: it manages the server (invite people, change its settings).',
  settings: {
    running: 'This computer hosts “{{name}}”',
    starting: 'Starting the server…',
    stopping: 'Stopping the server…',
    stopped: 'This computer is not hosting a server.',
    connected_one: '{{count}} connected',
    connected_other: '{{count}} connected',
    addresses: 'People connect with',
    addressesHint:
      'Give one of these addresses to people on your network. Parley also lists this server for them on the sign-in screen.',
    noNetwork: 'This computer is not on a network: only it can connect.',
    fingerprint: 'Key fingerprint',
    keepsRunning:
      'The server keeps running while Parley is open, also with its window closed (see the tray), and starts again with Parley.',
    startHint:
      'Runs a Parley server on this computer, with its data kept here, for the people on your network.',
    stop: 'Stop hosting',
    stopTitle: 'Stop hosting?',
    cutOff_one: '{{count}} person will be cut off. They reconnect by themselves once the server runs again.',
    cutOff_other:
      '{{count}} people will be cut off. They reconnect by themselves once the server runs again.',
    alsoYou: 'You are signed in to this server too: Parley is offline until it runs again.',
  },
};
