import { type AuthResult, FINGERPRINT_PATTERN, formatFingerprint, type Health } from '@parley/shared';
import { Bonjour, type Service } from 'bonjour-service';
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { createServer } from '../src/index.js';
import { issueCertificate } from '../src/tls/certificate.js';
import {
  GENERATED_CERT_FILE,
  GENERATED_KEY_FILE,
  publicKeyFingerprint,
  TLS_DIR,
  TlsSetupError,
} from '../src/tls/server-tls.js';
import { http, uniqueName } from './support/client.js';
import { runCli } from './support/cli.js';
import { httpsJson } from './support/https.js';
import { startTestServer, tempDir } from './support/server.js';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** A local CA and a server certificate it signed for 127.0.0.1, as files. */
async function caSignedFiles() {
  const ca = await issueCertificate({ commonName: 'Parley Test CA', validDays: 30, isCa: true });
  const leaf = await issueCertificate({
    commonName: '127.0.0.1',
    ipAddresses: ['127.0.0.1'],
    dnsNames: ['localhost'],
    validDays: 30,
    issuer: ca,
  });
  const dir = tempDir('parley-tls-files-');
  const certFile = join(dir, 'server.crt');
  const keyFile = join(dir, 'server.key');
  writeFileSync(certFile, leaf.certificatePem);
  writeFileSync(keyFile, leaf.keyPem, { mode: 0o600 });
  return { ca, leaf, certFile, keyFile, dir };
}

async function startFails(config: Parameters<typeof startTestServer>[0]): Promise<TlsSetupError> {
  const err: unknown = await startTestServer(config).then(
    () => new Error('the server started'),
    (e: unknown) => e,
  );
  if (!(err instanceof TlsSetupError)) throw err;
  return err;
}

describe('a server with its own certificate (--tls)', () => {
  it('makes a key and a ten-year certificate on first start, keeps them in the data dir, and reuses them', async () => {
    const t = await startTestServer({ tls: { mode: 'self-signed' } });
    const tls = t.server.tls;
    expect(t.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(tls?.source).toBe('generated');
    expect(tls?.fingerprint).toMatch(FINGERPRINT_PATTERN);
    const certFile = join(t.dataDir, TLS_DIR, GENERATED_CERT_FILE);
    const keyFile = join(t.dataDir, TLS_DIR, GENERATED_KEY_FILE);
    expect([tls?.certFile, tls?.keyFile]).toEqual([certFile, keyFile]);
    // The key is the owner's alone.
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const certPem = readFileSync(certFile, 'utf8');
    const cert = new X509Certificate(certPem);
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.subjectAltName).toContain('IP Address:0:0:0:0:0:0:0:1');
    expect(Date.parse(cert.validTo) - Date.now()).toBeGreaterThan(9 * YEAR_MS);

    // A client that trusts exactly this certificate verifies it for 127.0.0.1, and sees the key the
    // health route names.
    const health = await httpsJson<Health>(t.url, '/api/health', certPem);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', tls: true, fingerprint: tls?.fingerprint });
    expect(health.presented).toBe(tls?.fingerprint);

    await t.restart();
    expect(t.server.tls?.source).toBe('kept');
    expect(t.server.tls?.fingerprint).toBe(tls?.fingerprint);
    expect(readFileSync(certFile, 'utf8')).toBe(certPem);
    expect((await httpsJson<Health>(t.url, '/api/health', certPem)).presented).toBe(tls?.fingerprint);

    // Another data dir, another key.
    const other = await startTestServer({ tls: { mode: 'self-signed' } });
    expect(other.server.tls?.fingerprint).not.toBe(tls?.fingerprint);
    await Promise.all([t.stop(), other.stop()]);
  });

  it('serves the REST API and Socket.IO over HTTPS, as over HTTP', async () => {
    const t = await startTestServer({ tls: { mode: 'self-signed' } });
    const ca = readFileSync(join(t.dataDir, TLS_DIR, GENERATED_CERT_FILE), 'utf8');
    const name = uniqueName();
    const registered = await httpsJson<AuthResult>(t.url, '/api/auth/register', ca, {
      body: { username: name, displayName: name, password: 'correct horse battery' },
    });
    expect(registered.status).toBe(201);
    const socket = io(t.url, {
      transports: ['websocket'],
      ca,
      auth: { token: registered.body.accessToken },
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ack = (await socket.emitWithAck('sync.heads', {})) as { ok: boolean };
    expect(ack.ok).toBe(true);
    socket.disconnect();
    await t.stop();
  });

  it('refuses to start with half a pair, rather than silently making a new key', async () => {
    const t = await startTestServer({ tls: { mode: 'self-signed' } });
    await t.server.close();
    rmSync(join(t.dataDir, TLS_DIR, GENERATED_KEY_FILE));
    const err = await startFails({ dataDir: t.dataDir, tls: { mode: 'self-signed' } });
    expect(err.code).toBe('TLS_FILES_INCOMPLETE');
    expect(err.message).toContain(GENERATED_KEY_FILE);
    expect(existsSync(join(t.dataDir, TLS_DIR, GENERATED_KEY_FILE))).toBe(false);
  });

  it('announces tls=1 and the fingerprint in its mDNS TXT record', async () => {
    const bonjour = new Bonjour();
    const browser = bonjour.find({ type: 'parley' });
    const t = await startTestServer({ host: '0.0.0.0', announce: true, tls: { mode: 'self-signed' } });
    const service = await new Promise<Service>((resolve) => {
      const check = (s: Service) => {
        if ((s.txt as Record<string, string>).id === t.server.serverId) resolve(s);
      };
      browser.services.forEach(check);
      browser.on('up', check);
      browser.update();
    });
    expect(service.txt).toMatchObject({ tls: '1', fp: t.server.tls?.fingerprint });
    browser.stop();
    await new Promise<void>((resolve) => {
      bonjour.destroy(() => {
        resolve();
      });
    });
    await t.stop();
  });
});

describe('a server with a certificate from a CA (--tls-cert, --tls-key)', () => {
  it('uses the files as they are: a client trusting only the CA verifies the server', async () => {
    const files = await caSignedFiles();
    const t = await startTestServer({
      tls: { mode: 'provided', certFile: files.certFile, keyFile: files.keyFile },
    });
    expect(t.server.tls).toMatchObject({
      source: 'provided',
      certFile: files.certFile,
      keyFile: files.keyFile,
    });
    const leaf = new X509Certificate(files.leaf.certificatePem);
    const health = await httpsJson<Health>(t.url, '/api/health', files.ca.certificatePem);
    expect(health.body).toMatchObject({ tls: true, fingerprint: t.server.tls?.fingerprint });
    expect(health.presented).toBe(t.server.tls?.fingerprint);
    expect(t.server.tls?.validTo).toBe(new Date(leaf.validTo).toISOString());
    // Nothing of its own was made.
    expect(existsSync(join(t.dataDir, TLS_DIR))).toBe(false);
    await t.stop();
  });

  it('refuses files it cannot use, each with its own code, and starts nothing', async () => {
    const files = await caSignedFiles();
    const other = await issueCertificate({ commonName: 'other', ipAddresses: ['127.0.0.1'], validDays: 1 });
    const garbage = join(files.dir, 'garbage.pem');
    const otherKey = join(files.dir, 'other.key');
    writeFileSync(garbage, 'not a PEM file\n');
    writeFileSync(otherKey, other.keyPem);
    const cases: [string, string, string][] = [
      [join(files.dir, 'missing.crt'), files.keyFile, 'TLS_FILES_UNREADABLE'],
      [files.certFile, join(files.dir, 'missing.key'), 'TLS_FILES_UNREADABLE'],
      [garbage, files.keyFile, 'TLS_CERT_INVALID'],
      [files.keyFile, files.keyFile, 'TLS_CERT_INVALID'],
      [files.certFile, garbage, 'TLS_KEY_INVALID'],
      [files.certFile, otherKey, 'TLS_KEY_MISMATCH'],
    ];
    for (const [certFile, keyFile, code] of cases) {
      const dataDir = tempDir();
      const err = await startFails({ dataDir, tls: { mode: 'provided', certFile, keyFile } });
      expect(err.code, `${certFile} + ${keyFile}`).toBe(code);
      // Refused before the database was opened.
      expect(existsSync(join(dataDir, 'parley.db'))).toBe(false);
    }
  });
});

describe('plain HTTP (no --tls)', () => {
  it('still works, and says so in health', async () => {
    const t = await startTestServer();
    expect(t.url).toMatch(/^http:\/\//);
    expect(t.server.tls).toBeNull();
    const health = await http<Health>(t.url, '/api/health');
    expect(health.body).toMatchObject({ status: 'ok', tls: false, fingerprint: null });
    await t.stop();
  });
});

describe('the CLI', () => {
  it('prints the fingerprint in groups to compare and the https:// addresses, and keeps the key across restarts', async () => {
    const dataDir = tempDir();
    const start = async () => {
      const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', cli, '--tls', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      while (!out.includes('Press Ctrl-C')) {
        if (child.exitCode !== null) throw new Error(`the CLI exited with ${child.exitCode}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGTERM');
      await once(child, 'exit');
      return out;
    };
    const first = await start();
    const cert = new X509Certificate(readFileSync(join(dataDir, TLS_DIR, GENERATED_CERT_FILE)));
    const grouped = formatFingerprint(publicKeyFingerprint(cert));
    expect(grouped).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    expect(first).toContain(grouped);
    expect(first).toMatch(/https:\/\/127\.0\.0\.1:\d+/);
    expect(await start()).toContain(grouped);
  });

  it('exits with code 5 and says why when the certificate or key cannot be used', async () => {
    const files = await caSignedFiles();
    const garbage = join(files.dir, 'garbage.pem');
    writeFileSync(garbage, 'nope');
    const dataDir = tempDir();
    const r = await runCli([
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--tls-cert',
      garbage,
      '--tls-key',
      files.keyFile,
    ]);
    expect(r.code).toBe(5);
    expect(r.err).toContain('TLS_CERT_INVALID');
    expect(r.err).toContain(garbage);

    const env = await runCli(['--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'], {
      PARLEY_TLS_CERT: files.certFile,
      PARLEY_TLS_KEY: join(files.dir, 'missing.key'),
    });
    expect(env.code).toBe(5);
    expect(env.err).toContain('TLS_FILES_UNREADABLE');
  });

  it('refuses --tls-cert without --tls-key as a bad command line', async () => {
    const r = await runCli(['--tls-cert', 'server.crt']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--tls-cert and --tls-key go together');
  });
});

describe('createServer', () => {
  it('takes the TLS mode in its config and rejects an unknown one', async () => {
    await expect(
      createServer({ dataDir: tempDir(), tls: { mode: 'sometimes' } as never, logLevel: 'silent' }),
    ).rejects.toThrow();
  });
});
