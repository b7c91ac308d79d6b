import type { HandlersOf, IpcHandlerDeps } from './deps.js';

/**
 * Each answers once the desktop cache has applied the change's event, so a list or timeline read
 * right after shows it.
 */
export function groupHandlers({ core }: IpcHandlerDeps): HandlersOf<'groups'> {
  const { sync } = core;
  const applied = async (conversationId: string, ack: Promise<{ seq: number }>) => {
    await sync.applied(conversationId, (await ack).seq);
    return {};
  };
  return {
    'groups.create': async (request) => {
      const { conversation } = await sync.rpc('groups.create', request);
      await sync.applied(conversation.id, conversation.lastSeq);
      return { conversationId: conversation.id };
    },
    'groups.addMembers': (r) => applied(r.conversationId, sync.rpc('groups.addMembers', r)),
    'groups.removeMember': (r) => applied(r.conversationId, sync.rpc('groups.removeMember', r)),
    'groups.leave': (r) => applied(r.conversationId, sync.rpc('groups.leave', r)),
    'groups.rename': (r) => applied(r.conversationId, sync.rpc('groups.rename', r)),
    'groups.setRole': (r) => applied(r.conversationId, sync.rpc('groups.setRole', r)),
    'groups.transferOwnership': (r) => applied(r.conversationId, sync.rpc('groups.transferOwnership', r)),
    'groups.dissolve': (r) => applied(r.conversationId, sync.rpc('groups.dissolve', r)),
    'groups.setAvatar': async ({ conversationId, source }) => {
      await core.files.setGroupAvatar(conversationId, source);
      return {};
    },
  };
}
