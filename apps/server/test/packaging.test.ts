import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleServer } from '../build.js';
import { http, until } from './support/client.js';
import { tempDir } from './support/server.js';

// Inside the workspace's node_modules, so the bundle finds its npm dependencies as an install would.
const cache = join(import.meta.dirname, '..', 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
// Laid out as in the Docker image: bin/ and dist/, no src/.
const install = mkdtempSync(join(cache, 'parley-bundle-'));
const bin = join(install, 'bin', 'parley-server.js');
const dataDir = tempDir();
const backups = tempDir();
afterAll(() => {
  for (const dir of [install, dataDir, backups]) rmSync(dir, { recursive: true, force: true });
});

describe('the standalone bundle', () => {
  it('runs from bin/ with plain node and no sources or tsx: serves, backs up, stops cleanly on SIGTERM', async () => {
    await bundleServer(join(install, 'dist'));
    mkdirSync(join(install, 'bin'));
    copyFileSync(join(import.meta.dirname, '..', 'bin', 'parley-server.js'), bin);
    // No loader: NODE_OPTIONS from the test runner must not smuggle tsx in.
    const env = { ...process.env, NODE_OPTIONS: '' };
    const child = spawn(
      process.execPath,
      [bin, '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--no-announce'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await until(() => /http:\/\/127\.0\.0\.1:\d+/.test(out), 30_000, 'the address line');
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)![0];
    expect(await http(url, '/api/ready')).toEqual({ status: 200, body: { status: 'ready' } });

    const backup = spawn(process.execPath, [bin, 'backup', join(backups, 'b.tar'), '--data-dir', dataDir], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [backupCode] = (await once(backup, 'exit')) as [number];
    expect(backupCode).toBe(0);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(out).toContain('Stopped.');
  });
});
