import type { ParleyServer } from '@parley/server';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { DesktopCore, DesktopCoreOptions } from '../../src/core/desktop-core.js';
import { newCore, startServer } from './harness.js';

/**
 * One real server per test file and desktop cores closed after each test: call at a file's top
 * level. `server` is set once the file's tests start.
 */
export function useCoreFixture(start: () => Promise<ParleyServer> = () => startServer()) {
  const cores: DesktopCore[] = [];
  const fixture = {
    server: undefined as unknown as ParleyServer,
    /** A fresh core with its own cache folder, closed after the test. */
    core: (options: Partial<DesktopCoreOptions> = {}): DesktopCore => {
      const c = newCore(undefined, undefined, options);
      cores.push(c);
      return c;
    },
  };
  beforeAll(async () => {
    fixture.server = await start();
  });
  afterEach(() => {
    for (const c of cores.splice(0)) c.close();
  });
  afterAll(async () => {
    await fixture.server.close();
  });
  return fixture;
}
