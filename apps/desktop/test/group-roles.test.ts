import type { MemberRole } from '@parley/shared';
import { randomUUID } from 'node:crypto';
import type { ParleyServer } from '@parley/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { RpcError } from '../src/core/sync/socket-rpc.js';
import {
  groupPermissions,
  type MemberAction,
  memberActions,
} from '../src/renderer/components/groups/member-actions.js';
import { newCore, signUp, startServer } from './support/harness.js';
import { ipcOf } from './support/ipc.js';

/*
 * The group info panel offers exactly what the server accepts: for every role against every
 * role (and against oneself), each action is tried on a fresh group of a real server, and the
 * outcome is compared with what the renderer's memberActions/groupPermissions offer.
 */

type Seat = 'owner' | 'admin1' | 'admin2' | 'member1' | 'member2';
const roleOf: Record<Seat, MemberRole> = {
  owner: 'owner',
  admin1: 'admin',
  admin2: 'admin',
  member1: 'member',
  member2: 'member',
};
const seats = Object.keys(roleOf) as Seat[];

let server: ParleyServer;
const cores = {} as Record<Seat, DesktopCore>;
const ids = {} as Record<Seat, string>;

beforeAll(async () => {
  server = await startServer();
  for (const seat of seats) {
    cores[seat] = newCore();
    ids[seat] = await signUp(cores[seat], server.url);
  }
});
afterAll(async () => {
  for (const c of Object.values(cores)) c.close();
  await server.close();
});

/** A new group with one person in each seat. */
async function freshGroup(): Promise<string> {
  const others = seats.filter((s) => s !== 'owner').map((s) => ids[s]);
  const { conversation } = await cores.owner.sync.rpc('groups.create', { name: 'Roles', memberIds: others });
  for (const admin of ['admin1', 'admin2'] as const) {
    await cores.owner.sync.rpc('groups.setRole', {
      conversationId: conversation.id,
      userId: ids[admin],
      role: 'admin',
    });
  }
  return conversation.id;
}

async function accepted(attempt: Promise<unknown>): Promise<boolean> {
  try {
    await attempt;
    return true;
  } catch (err) {
    if (err instanceof RpcError && err.code !== 'NETWORK') return false;
    throw err;
  }
}

function tryAction(actor: Seat, target: Seat, action: MemberAction, conversationId: string) {
  const rpc = cores[actor].sync.rpc.bind(cores[actor].sync);
  const userId = ids[target];
  switch (action) {
    case 'makeAdmin':
      return rpc('groups.setRole', { conversationId, userId, role: 'admin' });
    case 'removeAdmin':
      return rpc('groups.setRole', { conversationId, userId, role: 'member' });
    case 'transferOwnership':
      return rpc('groups.transferOwnership', { conversationId, userId });
    case 'remove':
      return rpc('groups.removeMember', { conversationId, userId });
  }
}

const actions: MemberAction[] = ['makeAdmin', 'removeAdmin', 'transferOwnership', 'remove'];
/** Setting the role someone already has changes nothing; the panel does not offer it. */
const noOp = (action: MemberAction, target: MemberRole) =>
  (action === 'makeAdmin' && target === 'admin') || (action === 'removeAdmin' && target === 'member');

describe('member actions agree with the server', () => {
  const actors: Seat[] = ['owner', 'admin1', 'member1'];
  for (const actor of actors) {
    it(`${roleOf[actor]} acting on every other role and on self`, async () => {
      const outcomes: string[] = [];
      const offered: string[] = [];
      for (const target of seats) {
        const offers = memberActions(
          { myRole: roleOf[actor], dissolved: false },
          roleOf[target],
          actor === target,
        );
        for (const action of actions) {
          const label = `${roleOf[actor]}→${actor === target ? 'self' : roleOf[target]}:${action}`;
          if (noOp(action, roleOf[target])) {
            expect(offers, label).not.toContain(action);
            continue;
          }
          const conversationId = await freshGroup();
          if (await accepted(tryAction(actor, target, action, conversationId))) outcomes.push(label);
          if (offers.includes(action)) offered.push(label);
        }
      }
      expect(offered).toEqual(outcomes);
    });
  }

  it('a dissolved group accepts no member action and the panel offers none', async () => {
    const conversationId = await freshGroup();
    await cores.owner.sync.rpc('groups.dissolve', { conversationId });
    for (const action of actions) {
      expect(memberActions({ myRole: 'owner', dissolved: true }, 'admin', false)).not.toContain(action);
      expect(await accepted(tryAction('owner', 'admin1', action, conversationId)), action).toBe(false);
    }
  });
});

describe('group permissions agree with the server', () => {
  for (const actor of ['owner', 'admin1', 'member1'] as const) {
    it(`${roleOf[actor]}: rename, add members, dissolve, leave`, async () => {
      const permissions = groupPermissions({ myRole: roleOf[actor], dissolved: false }, seats.length);
      const outsider = newCore();
      const outsiderId = await signUp(outsider, server.url);
      try {
        const rpc = cores[actor].sync.rpc.bind(cores[actor].sync);
        const results = {
          rename: await accepted(rpc('groups.rename', { conversationId: await freshGroup(), name: 'New' })),
          addMembers: await accepted(
            rpc('groups.addMembers', { conversationId: await freshGroup(), userIds: [outsiderId] }),
          ),
          dissolve: await accepted(rpc('groups.dissolve', { conversationId: await freshGroup() })),
          leave: await accepted(rpc('groups.leave', { conversationId: await freshGroup() })),
        };
        expect(results).toEqual({
          rename: permissions.rename,
          addMembers: permissions.addMembers,
          dissolve: permissions.dissolve,
          leave: permissions.leave === 'allowed',
        });
      } finally {
        outsider.close();
      }
    });
  }
});

describe('creating a group through the IPC', () => {
  it('creates it once for one clientRequestId: a retry answers with the same group', async () => {
    const ipc = ipcOf(cores.owner);
    const request = { name: 'Retry 重试', memberIds: [ids.member1], clientRequestId: randomUUID() };
    const first = await ipc('groups.create', request);
    expect(await ipc('groups.create', request)).toEqual(first);
    const named = cores.owner.store.conversations.all().filter((c) => c.name === 'Retry 重试');
    expect(named.map((c) => c.id)).toEqual([first.conversationId]);
  });
});
