import type { MemberRole } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import {
  groupPermissions,
  type MemberAction,
  memberActions,
} from '../../src/renderer/components/groups/member-actions.js';

const live = (myRole: MemberRole) => ({ myRole, dissolved: false });

describe('memberActions: what my role lets me do to another member (the server rules)', () => {
  // [my role, target's role, is the target me, the actions offered]
  const table: [MemberRole, MemberRole, boolean, MemberAction[]][] = [
    // The owner changes admins' and members' roles, hands the group over, and removes anyone.
    ['owner', 'owner', true, []],
    ['owner', 'admin', false, ['removeAdmin', 'transferOwnership', 'remove']],
    ['owner', 'member', false, ['makeAdmin', 'transferOwnership', 'remove']],
    // An admin removes ordinary members only, and changes no roles.
    ['admin', 'owner', false, []],
    ['admin', 'admin', false, []],
    ['admin', 'admin', true, []],
    ['admin', 'member', false, ['remove']],
    // A member manages nobody.
    ['member', 'owner', false, []],
    ['member', 'admin', false, []],
    ['member', 'member', false, []],
    ['member', 'member', true, []],
  ];
  for (const [mine, target, self, expected] of table) {
    it(`${mine} → ${self ? 'self' : target}: ${expected.join(', ') || 'nothing'}`, () => {
      expect(memberActions(live(mine), target, self)).toEqual(expected);
    });
  }

  it('offers nothing in a dissolved group, or once I am no longer in it', () => {
    for (const target of ['owner', 'admin', 'member'] as const) {
      expect(memberActions({ myRole: 'owner', dissolved: true }, target, false)).toEqual([]);
      expect(memberActions({ myRole: null, dissolved: false }, target, false)).toEqual([]);
    }
  });
});

describe('groupPermissions', () => {
  it('lets the owner rename, add, dissolve, and leave only after handing the group over', () => {
    expect(groupPermissions(live('owner'), 3)).toEqual({
      rename: true,
      addMembers: true,
      dissolve: true,
      leave: 'must-transfer',
    });
    expect(groupPermissions(live('owner'), 1).leave).toBe('allowed');
  });

  it('lets an admin rename, add and leave, but not dissolve', () => {
    expect(groupPermissions(live('admin'), 3)).toEqual({
      rename: true,
      addMembers: true,
      dissolve: false,
      leave: 'allowed',
    });
  });

  it('lets a member add people and leave, but not rename or dissolve', () => {
    expect(groupPermissions(live('member'), 3)).toEqual({
      rename: false,
      addMembers: true,
      dissolve: false,
      leave: 'allowed',
    });
  });

  it('allows only leaving a dissolved group, and nothing once I am out', () => {
    expect(groupPermissions({ myRole: 'owner', dissolved: true }, 3)).toEqual({
      rename: false,
      addMembers: false,
      dissolve: false,
      leave: 'allowed',
    });
    expect(groupPermissions({ myRole: null, dissolved: false }, 3)).toEqual({
      rename: false,
      addMembers: false,
      dissolve: false,
      leave: 'no',
    });
  });
});
