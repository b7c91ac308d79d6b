import { afterAll, beforeAll } from 'vitest';
import type { ServerConfigInput, ServerOptions } from '../../src/index.js';
import { newUser, type TestClient } from './client.js';
import { startTestServer, type TestServer } from './server.js';

export interface ServerFixture {
  /** The running server (set once beforeAll has run). */
  readonly t: TestServer;
  /** A new account with one connected device, closed after the file's tests. */
  user(name?: string): Promise<TestClient>;
  users(n: number): Promise<TestClient[]>;
  /** Closes `client` after the file's tests. */
  track<C extends TestClient>(client: C): C;
}

/** One real server for the test file: started before its tests, stopped (with every client) after. */
export function useTestServer(
  overrides: Partial<ServerConfigInput> = {},
  options: ServerOptions = {},
): ServerFixture {
  let server: TestServer | undefined;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer(overrides, options);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop();
  });
  const fixture: ServerFixture = {
    get t() {
      if (!server) throw new Error('the test server is not started yet');
      return server;
    },
    async user(name) {
      return fixture.track(await newUser(fixture.t.url, name));
    },
    users(n) {
      return Promise.all(Array.from({ length: n }, () => fixture.user()));
    },
    track(client) {
      clients.push(client);
      return client;
    },
  };
  return fixture;
}
