import { describe, expect, it } from 'vitest';
import { LanServerId, LanTxtRecord } from '../src/lan.js';

const id = '0123456789abcdef0123456789abcdef';
const good = { id, name: 'Office', version: '0.1.0', proto: '1', tls: '0' };

describe('the TXT record of a Parley server on the LAN', () => {
  it('reads the keys into typed fields, with fp reserved for TLS', () => {
    expect(LanTxtRecord.parse(good)).toEqual({
      id,
      name: 'Office',
      version: '0.1.0',
      protocolVersion: 1,
      tls: false,
      fingerprint: null,
    });
    const tls = LanTxtRecord.parse({ ...good, tls: '1', fp: 'q5N8kQ9wYb1dA4o0cR2uH7m3Xz6V+e/LpT==' });
    expect(tls).toMatchObject({ tls: true, fingerprint: 'q5N8kQ9wYb1dA4o0cR2uH7m3Xz6V+e/LpT==' });
    // Other keys are ignored.
    expect(LanTxtRecord.parse({ ...good, extra: 'x' })).not.toHaveProperty('extra');
  });

  it('makes a name one line, and refuses one that is empty or too long', () => {
    expect(LanTxtRecord.parse({ ...good, name: ' 研发部\n聊天\u0007 ' }).name).toBe('研发部 聊天');
    for (const name of ['', ' \t ', 'x'.repeat(65)])
      expect(LanTxtRecord.safeParse({ ...good, name }).success).toBe(false);
  });

  it('refuses a record that is not a Parley server’s', () => {
    const bad: Record<string, string | undefined>[] = [
      { ...good, id: undefined },
      { ...good, id: id.toUpperCase() },
      { ...good, id: '../../etc/passwd' },
      { ...good, version: '1.0 beta' },
      { ...good, proto: 'abc' },
      { ...good, proto: '0' },
      { ...good, tls: 'yes' },
      { ...good, tls: '1', fp: 'short' },
    ];
    for (const record of bad)
      expect(LanTxtRecord.safeParse(record).success, JSON.stringify(record)).toBe(false);
    expect(LanServerId.safeParse(id).success).toBe(true);
  });
});
