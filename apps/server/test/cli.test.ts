import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { http } from './support/client.js';
import { tempDir } from './support/server.js';

const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { child, out: () => out, err: () => err };
}

async function waitFor(get: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const start = Date.now();
  for (;;) {
    const m = get().match(pattern);
    if (m) return m;
    if (Date.now() - start > timeoutMs) throw new Error(`no ${String(pattern)} in output:\n${get()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('parley-server CLI', () => {
  it('starts with a data dir from the environment, prints addresses, serves health, stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const p = run(['--port', '0', '--host', '127.0.0.1', '--name', 'Office'], { PARLEY_DATA_DIR: dataDir });
    const [, port] = await waitFor(p.out, /http:\/\/127\.0\.0\.1:(\d+)/);
    expect(p.out()).toContain(dataDir);
    const health = await http<{ status: string; name: string }>(`http://127.0.0.1:${port}`, '/api/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', name: 'Office' } });
    p.child.kill('SIGTERM');
    const [code] = (await once(p.child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(p.out()).toContain('Stopped.');
  });

  it('refuses bad flags and values with usage and a non-zero exit', async () => {
    for (const args of [['--port', 'abc'], ['--bogus'], ['--log-level', 'loud']]) {
      const p = run(args);
      const [code] = (await once(p.child, 'exit')) as [number];
      expect(code).toBe(2);
      expect(p.err()).toContain('Usage: parley-server');
    }
  });

  it('reports a port in use clearly', async () => {
    const first = run(['--port', '0', '--host', '127.0.0.1', '--data-dir', tempDir()]);
    const [, port] = await waitFor(first.out, /http:\/\/127\.0\.0\.1:(\d+)/);
    const second = run(['--port', port!, '--host', '127.0.0.1', '--data-dir', tempDir()]);
    const [code] = (await once(second.child, 'exit')) as [number];
    expect(code).toBe(4);
    expect(second.err()).toContain(`port ${port} is in use`);
    first.child.kill('SIGINT');
    await once(first.child, 'exit');
  });
});
