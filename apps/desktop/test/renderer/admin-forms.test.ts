import type { Invite } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import {
  bytesToUnit,
  inviteState,
  parseRetentionDays,
  unitToBytes,
  validateServerForm,
} from '../../src/renderer/components/admin/admin-forms.js';

const MiB = 1024 * 1024;

describe('the administration forms', () => {
  it('check the server name and announcement with the server’s rules, in characters', () => {
    expect(validateServerForm({ name: 'Acme 研发部', announcement: '' })).toEqual({});
    expect(validateServerForm({ name: '   ', announcement: '' })).toEqual({ name: 'nameRequired' });
    expect(validateServerForm({ name: '名'.repeat(64), announcement: '' })).toEqual({});
    expect(validateServerForm({ name: '名'.repeat(65), announcement: '' })).toEqual({ name: 'nameTooLong' });
    expect(validateServerForm({ name: 'two\nlines', announcement: '' })).toEqual({ name: 'nameOneLine' });
    // Emoji count as one character each, as the server counts them.
    expect(validateServerForm({ name: 'x', announcement: '📢'.repeat(1000) })).toEqual({});
    expect(validateServerForm({ name: 'x', announcement: '📢'.repeat(1001) })).toEqual({
      announcement: 'announcementTooLong',
    });
  });

  it('show sizes in megabytes and gigabytes and read them back in bytes', () => {
    expect(bytesToUnit(2 * 1024 * MiB, 'MB')).toBe('2048');
    expect(bytesToUnit(20 * 1024 * MiB, 'GB')).toBe('20');
    expect(bytesToUnit(1.5 * 1024 * MiB, 'GB')).toBe('1.5');
    expect(unitToBytes('100', 'MB', 1)).toBe(100 * MiB);
    expect(unitToBytes(' 0,5 ', 'GB', 0)).toBe(512 * MiB);
    expect(unitToBytes('0', 'GB', 0)).toBe(0);
    for (const bad of ['', '0', '-3', '1e3', 'ten', '2 GB'])
      expect(unitToBytes(bad, 'MB', 1), bad).toBeNull();
  });

  it('take a retention period of whole days within the server’s range', () => {
    expect(parseRetentionDays('30')).toBe(30);
    expect(parseRetentionDays(' 365 ')).toBe(365);
    for (const bad of ['0', '1.5', '-1', '36501', 'forever', ''])
      expect(parseRetentionDays(bad), bad).toBeNull();
  });

  it('tell an invite code that still works from one expired or used up', () => {
    const invite = (over: Partial<Invite>): Invite =>
      ({
        id: 'i',
        code: 'AAAA-BBBB-CCCC',
        createdBy: 'u',
        createdAt: 0,
        expiresAt: null,
        maxUses: null,
        uses: 0,
        usable: true,
        ...over,
      }) as Invite;
    expect(inviteState(invite({}), 1000)).toBe('usable');
    expect(inviteState(invite({ expiresAt: 1000 }), 1000)).toBe('expired');
    expect(inviteState(invite({ expiresAt: 1001 }), 1000)).toBe('usable');
    expect(inviteState(invite({ maxUses: 2, uses: 2, expiresAt: 5 }), 1000)).toBe('usedUp');
  });
});
