import { afterEach, expect, it } from 'vitest';
import type { ParleyServer } from '@parley/server';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { newCore, signUp, startServer, tempDir, until } from './support/harness.js';

let server: ParleyServer | undefined;
let core: DesktopCore | undefined;
afterEach(async () => {
  core?.close();
  await server?.close();
});

/** How many times the server answered /api/auth/refresh, from its own metrics. */
async function refreshes(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [
    ...text.matchAll(
      /^parley_http_request_duration_seconds_count\{[^}]*route="\/api\/auth\/refresh"[^}]*\} (\d+)$/gm,
    ),
  ]
    .map((m) => Number(m[1]))
    .reduce((a, b) => a + b, 0);
}

it('does not refresh in a loop when the access token outlives a timer (over ~24.8 days)', async () => {
  server = await startServer(tempDir('parley-server-'), 0, { accessTokenTtlMs: 365 * 24 * 60 * 60 * 1000 });
  core = newCore();
  await signUp(core, server.url);
  await until(() => core?.sync.connection === 'online', 10_000, 'online');
  // Long enough for a runaway timer (it fires at once, every time) to refresh many times over.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(await refreshes(server.url)).toBe(0);
  expect(core.sync.connection).toBe('online');
});
