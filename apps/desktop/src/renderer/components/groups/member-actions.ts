import type { MemberRole } from '@parley/shared';

/*
 * What the server lets a member do in a group (apps/server/src/modules/conversations/
 * conversations-service.ts), so the UI offers only actions that will be accepted. Every change
 * needs a group that is not dissolved and that I am still in.
 */

export type MemberAction = 'makeAdmin' | 'removeAdmin' | 'transferOwnership' | 'remove';

const rank: Record<MemberRole, number> = { owner: 3, admin: 2, member: 1 };

/** Whether the group accepts changes: it exists for me and is not dissolved. */
export interface GroupState {
  /** My role; null once I left or was removed. */
  myRole: MemberRole | null;
  dissolved: boolean;
}

function live(state: GroupState): state is { myRole: MemberRole; dissolved: false } {
  return state.myRole !== null && !state.dissolved;
}

/** The actions in a member's menu, in the order shown. */
export function memberActions(state: GroupState, target: MemberRole, isSelf: boolean): MemberAction[] {
  if (!live(state) || isSelf) return [];
  const actions: MemberAction[] = [];
  if (state.myRole === 'owner') {
    // setRole: owner only, never on the owner; transferOwnership: owner only, to anyone else.
    if (target === 'member') actions.push('makeAdmin');
    if (target === 'admin') actions.push('removeAdmin');
    actions.push('transferOwnership');
  }
  // removeMember: the owner removes anyone, an admin removes ordinary members.
  if (state.myRole !== 'member' && rank[state.myRole] > rank[target]) actions.push('remove');
  return actions;
}

export interface GroupPermissions {
  rename: boolean;
  addMembers: boolean;
  dissolve: boolean;
  /** 'must-transfer': the owner of a group with others in it has to hand it over (or dissolve) first. */
  leave: 'allowed' | 'must-transfer' | 'no';
}

/** What I may do to the group as a whole. */
export function groupPermissions(state: GroupState, memberCount: number): GroupPermissions {
  if (state.myRole === null) return { rename: false, addMembers: false, dissolve: false, leave: 'no' };
  if (state.dissolved) return { rename: false, addMembers: false, dissolve: false, leave: 'allowed' };
  const owner = state.myRole === 'owner';
  return {
    rename: state.myRole !== 'member',
    addMembers: true,
    dissolve: owner,
    leave: owner && memberCount > 1 ? 'must-transfer' : 'allowed',
  };
}
