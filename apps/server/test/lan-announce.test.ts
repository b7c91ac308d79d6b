import { LanServerId, PROTOCOL_VERSION } from '@parley/shared';
import { Bonjour, type Browser, type Service } from 'bonjour-service';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerId, SERVER_ID_FILE } from '../src/lan/server-id.js';
import { SERVER_VERSION } from '../src/transport/http.js';
import { AdminApi } from './support/admin.js';
import { newUser } from './support/client.js';
import { startTestServer, tempDir } from './support/server.js';

/*
 * The announcement as a standard DNS-SD browser sees it: bonjour-service's own Browser, on this
 * host (multicast loops back to local sockets). Across machines (network namespaces) and with
 * Avahi, see apps/desktop/test/lan-netns.test.ts.
 */

let bonjour: Bonjour;
let browser: Browser;

beforeAll(() => {
  bonjour = new Bonjour();
  browser = bonjour.find({ type: 'parley' });
});

afterAll(async () => {
  browser.stop();
  await new Promise<void>((resolve) => {
    bonjour.destroy(() => {
      resolve();
    });
  });
});

/** The first service the browser has or finds that matches. */
async function seen(match: (s: Service) => boolean): Promise<Service> {
  const known = browser.services.find(match);
  if (known) return known;
  return new Promise((resolve) => {
    const onUp = (s: Service) => {
      if (!match(s)) return;
      browser.off('up', onUp);
      resolve(s);
    };
    browser.on('up', onUp);
    browser.update();
  });
}

/** Resolves when the browser hears the service say goodbye. */
function goneAway(fqdn: string): Promise<void> {
  return new Promise((resolve) => {
    const onDown = (s: Service) => {
      if (s.fqdn !== fqdn) return;
      browser.off('down', onDown);
      resolve();
    };
    browser.on('down', onDown);
  });
}

const uniqueName = (base: string) => `${base} ${randomBytes(3).toString('hex')}`;
const txtOf = (s: Service) => s.txt as Record<string, string>;

describe('the server id', () => {
  it('is made once, kept in the data dir, and survives restarts', async () => {
    const t = await startTestServer();
    const id = t.server.serverId;
    expect(LanServerId.safeParse(id).success).toBe(true);
    expect(readFileSync(join(t.dataDir, SERVER_ID_FILE), 'utf8').trim()).toBe(id);
    await t.restart();
    expect(t.server.serverId).toBe(id);
    const other = await startTestServer();
    expect(other.server.serverId).not.toBe(id);
    await Promise.all([t.stop(), other.stop()]);
  });

  it('replaces a file that does not hold a valid id', () => {
    const dir = tempDir();
    writeFileSync(join(dir, SERVER_ID_FILE), 'not an id\n');
    const id = loadServerId(dir);
    expect(LanServerId.safeParse(id).success).toBe(true);
    expect(loadServerId(dir)).toBe(id);
  });
});

describe('the LAN announcement', () => {
  it('announces _parley._tcp with the bound port and the TXT keys, and says goodbye on close', async () => {
    const name = uniqueName('Office');
    const t = await startTestServer({ host: '0.0.0.0', announce: true, serverName: name });
    expect(t.server.announcedAs).toBe(name);
    const service = await seen((s) => txtOf(s).id === t.server.serverId);
    expect(service.name).toBe(name);
    expect(service.port).toBe(t.server.port);
    expect(service.protocol).toBe('tcp');
    expect(txtOf(service)).toEqual({
      name,
      version: SERVER_VERSION,
      proto: String(PROTOCOL_VERSION),
      tls: '0',
      id: t.server.serverId,
    });
    expect(service.addresses?.length).toBeGreaterThan(0);
    // Its address records answer under the server's own host name, not the machine's.
    expect(service.host).toBe(`parley-${t.server.serverId.slice(0, 12)}.local`);

    const gone = goneAway(service.fqdn);
    await t.stop();
    await gone;
  });

  it('follows a rename by an administrator: goodbye under the old name, the new one announced', async () => {
    const before = uniqueName('Before');
    const after = uniqueName('After');
    const t = await startTestServer({ host: '0.0.0.0', announce: true, serverName: before });
    const old = await seen((s) => txtOf(s).id === t.server.serverId && s.name === before);
    const gone = goneAway(old.fqdn);
    const admin = await newUser(t.url);
    expect(await new AdminApi(admin).settings({ serverName: after })).toMatchObject({ serverName: after });
    const renamed = await seen((s) => txtOf(s).id === t.server.serverId && s.name === after);
    await gone;
    expect(txtOf(renamed).name).toBe(after);
    expect(t.server.announcedAs).toBe(after);
    admin.close();
    await t.stop();
  });

  it('renames itself when another service holds the name, and keeps the real name in TXT', async () => {
    const name = uniqueName('Same');
    const first = await startTestServer({ host: '0.0.0.0', announce: true, serverName: name });
    const second = await startTestServer({ host: '0.0.0.0', announce: true, serverName: name });
    expect(first.server.announcedAs).toBe(name);
    expect(second.server.announcedAs).toBe(`${name} (2)`);
    const [a, b] = await Promise.all([
      seen((s) => txtOf(s).id === first.server.serverId),
      seen((s) => txtOf(s).id === second.server.serverId),
    ]);
    expect([a.name, b.name]).toEqual([name, `${name} (2)`]);
    expect([txtOf(a).name, txtOf(b).name]).toEqual([name, name]);
    await Promise.all([first.stop(), second.stop()]);
  });

  it('fits a long name into one DNS label and one TXT string', async () => {
    const name = '研发部的聊天服务器'.repeat(7).slice(0, 64);
    const t = await startTestServer({ host: '0.0.0.0', announce: true, serverName: name });
    const service = await seen((s) => txtOf(s).id === t.server.serverId);
    expect(Buffer.byteLength(service.name)).toBeLessThanOrEqual(63);
    expect(name.startsWith(service.name)).toBe(true);
    expect(txtOf(service).name).toBe(name);
    await t.stop();
  });

  it('is not made when turned off, or when only this computer can connect', async () => {
    const off = await startTestServer({ host: '0.0.0.0', announce: false });
    const loopback = await startTestServer({ host: '127.0.0.1', announce: true });
    expect(off.server.announcedAs).toBeNull();
    expect(loopback.server.announcedAs).toBeNull();
    await Promise.all([off.stop(), loopback.stop()]);
  });

  it('is told in the CLI startup lines, and --no-announce turns it off', async () => {
    const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');
    const startupLines = async (args: string[]) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', cli, '--port', '0', '--data-dir', tempDir(), ...args],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = once(child, 'exit');
      // Ready, or gone (with what it said on stderr), whichever comes first.
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Press Ctrl-C')) resolve();
        });
        void exited.then(([code]) => {
          reject(new Error(`the CLI exited (${String(code)}) before it was ready:\n${out}\n${err}`));
        });
      });
      child.kill('SIGTERM');
      await exited;
      return out;
    };
    const name = uniqueName('Cli');
    expect(await startupLines(['--name', name])).toContain(`Announced on the local network as "${name}"`);
    expect(await startupLines(['--no-announce'])).toContain(
      'Not announced on the local network (--no-announce)',
    );
    expect(await startupLines(['--host', '127.0.0.1'])).toContain(
      'Not announced on the local network: only this computer can connect',
    );
  });
});
