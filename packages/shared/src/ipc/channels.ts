/**
 * The names in the IPC contract, without their schemas: the preload needs only these, and a
 * sandboxed preload should not carry zod. contract.ts checks that its keys are exactly these.
 */
export const ipcChannels = [
  'session.state',
  'session.checkServer',
  'session.register',
  'session.login',
  'session.logout',
  'session.changePassword',
  'session.sessions',
  'session.revoke',
  'session.setNewPassword',
  'tls.trust',
  'conversations.list',
  'conversations.timeline',
  'conversations.olderPage',
  'conversations.around',
  'conversations.newerPage',
  'conversations.receipts',
  'conversations.markRead',
  'conversations.setDraft',
  'conversations.setFocused',
  'conversations.setPrefs',
  'conversations.openDirect',
  'typing.start',
  'groups.create',
  'groups.addMembers',
  'groups.removeMember',
  'groups.leave',
  'groups.rename',
  'groups.setRole',
  'groups.transferOwnership',
  'groups.dissolve',
  'messages.sendText',
  'messages.retry',
  'messages.discard',
  'messages.edit',
  'messages.recall',
  'messages.react',
  'messages.deleteForMe',
  'messages.get',
  'search.messages',
  'people.get',
  'people.search',
  'profile.update',
  'presence.get',
  'friends.list',
  'friends.request',
  'friends.accept',
  'friends.decline',
  'friends.cancel',
  'friends.remove',
  'blocks.list',
  'blocks.add',
  'blocks.remove',
  'files.send',
  'files.download',
  'files.saveAs',
  'files.open',
  'files.showInFolder',
  'files.downloaded',
  'files.cacheUsage',
  'files.clearCache',
  'transfers.list',
  'transfers.pause',
  'transfers.resume',
  'transfers.cancel',
  'profile.setAvatar',
  'groups.setAvatar',
  'discovery.start',
  'discovery.stop',
  'discovery.list',
  'settings.get',
  'settings.set',
  'app.info',
  'app.badge',
  'app.openExternal',
  'admin.getSettings',
  'admin.updateSettings',
  'admin.listInvites',
  'admin.createInvite',
  'admin.revokeInvite',
  'admin.listUsers',
  'admin.disableUser',
  'admin.enableUser',
  'admin.resetPassword',
  'admin.setAdmin',
  'admin.runRetention',
  'server.info',
  'host.start',
  'host.stop',
  'host.status',
] as const;

export type IpcChannel = (typeof ipcChannels)[number];

/** What the main process pushes to the renderer. */
export const ipcEvents = [
  'connection',
  'conversations.changed',
  'people.changed',
  'receipts.changed',
  'typing',
  'presence',
  'badge',
  'transfers.changed',
  'notification.open',
  'signed-out',
  'settings.changed',
  'server.changed',
  'discovery.changed',
  'host.changed',
] as const;

export type IpcEventName = (typeof ipcEvents)[number];

/** Events travel on their own Electron channels, apart from the invoke channels. */
export function ipcEventChannel(name: IpcEventName): `parley:event:${IpcEventName}` {
  return `parley:event:${name}`;
}

export function isIpcChannel(name: unknown): name is IpcChannel {
  return typeof name === 'string' && (ipcChannels as readonly string[]).includes(name);
}

export function isIpcEventName(name: unknown): name is IpcEventName {
  return typeof name === 'string' && (ipcEvents as readonly string[]).includes(name);
}
