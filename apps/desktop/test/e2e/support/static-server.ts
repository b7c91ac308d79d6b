import { createServer, type Server } from 'node:http';
import { contentSecurityPolicy } from '../../../src/core/security/csp.js';
import { rendererFileResponse } from '../../../src/core/security/renderer-files.js';

export interface StaticServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on loopback the way the app serves it on parley://app/: the same file
 * rules and the same Content-Security-Policy header (the built app's, without dev allowances), so a
 * CSP violation in the page shows up in the tests. GET and HEAD only.
 */
export async function serveRendererDir(rootDir: string): Promise<StaticServer> {
  const csp = contentSecurityPolicy();
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
      const response = await rendererFileResponse(pathname, rootDir, csp);
      const body = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, {
        ...Object.fromEntries(response.headers),
        'Content-Length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch((err: unknown) => {
      res.destroy(err as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('static server did not bind');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
