import { describe, expect, it } from 'vitest';
import { normaliseServerAddress } from '../../src/renderer/components/auth/server-address.js';

const url = (input: string) => {
  const r = normaliseServerAddress(input);
  return r.ok ? r.url : r.reason;
};

describe('normaliseServerAddress', () => {
  it('turns a bare IP or host into plain http on Parley’s default port', () => {
    expect(url('192.168.1.20')).toBe('http://192.168.1.20:7400');
    expect(url('  chat.lan ')).toBe('http://chat.lan:7400');
    expect(url('localhost')).toBe('http://localhost:7400');
  });

  it('keeps the port of host:port', () => {
    expect(url('192.168.1.20:8080')).toBe('http://192.168.1.20:8080');
    expect(url('chat.lan:7400/')).toBe('http://chat.lan:7400');
  });

  it('takes an address with a scheme as written, without a trailing slash', () => {
    expect(url('https://chat.example.com/')).toBe('https://chat.example.com');
    expect(url('http://10.0.0.5:7400')).toBe('http://10.0.0.5:7400');
    expect(url('HTTP://Chat.Example.com/parley//')).toBe('http://chat.example.com/parley');
  });

  it('brackets IPv6 addresses', () => {
    expect(url('::1')).toBe('http://[::1]:7400');
    expect(url('[fe80::1]:9000')).toBe('http://[fe80::1]:9000');
    expect(url('[::1]')).toBe('http://[::1]:7400');
  });

  it('refuses what cannot be a Parley server address', () => {
    expect(url('')).toBe('empty');
    expect(url('   ')).toBe('empty');
    expect(url('ftp://files.lan')).toBe('invalid');
    expect(url('chat lan')).toBe('invalid');
    expect(url('host:notaport')).toBe('invalid');
    expect(url('http://user:pw@host')).toBe('invalid');
  });
});
