/**
 * One server under test, in its own process (forked by run.ts with tsx): `parley` is createServer()
 * as in production (rate limits off), `raw` is a bare node:http server that streams each PUT body
 * to a file and fsyncs it, as Parley does before it records an upload. Sends `{ url }` over IPC
 * when listening, `{ cpuMs, fullGcs }` (its CPU time and full collections so far) on a 'cpu'
 * message; stops (and removes its data) on a 'stop' message. Both run with the V8 heap setting the
 * Parley server makes for itself (runtime/heap-tuning.ts), so the comparison is of the code paths,
 * not of where each process's heap limit happened to fall.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, type NodeGCPerformanceDetail, PerformanceObserver } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { createServer } from '../../src/index.js';
import { tuneHeapForStreaming } from '../../src/runtime/heap-tuning.js';

const kind = process.argv[2];
const dataDir = mkdtempSync(join(tmpdir(), `parley-bench-files-${kind}-`));

let fullGcs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const { detail } = entry as { detail?: NodeGCPerformanceDetail };
    if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullGcs++;
  }
}).observe({ entryTypes: ['gc'] });

async function startRaw(): Promise<{ url: string; close(): Promise<void> }> {
  tuneHeapForStreaming();
  let n = 0;
  const server: Server = createHttpServer((req, res) => {
    const path = join(dataDir, `upload-${n++}`);
    void (async () => {
      try {
        await pipeline(req, createWriteStream(path));
        const handle = await open(path, 'r');
        await handle.sync();
        await handle.close();
        res.writeHead(204).end();
      } catch {
        res.writeHead(500).end();
      }
      await unlink(path).catch(() => undefined);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function startParley(): Promise<{ url: string; close(): Promise<void> }> {
  const server = await createServer({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    rateLimits: false,
    maxFileSize: Number.MAX_SAFE_INTEGER,
    userQuotaBytes: Number.MAX_SAFE_INTEGER,
  });
  return { url: server.url, close: () => server.close() };
}

// Killed, or left behind by a parent that died: leave no data behind either.
const abandon = () => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
};
process.once('SIGTERM', abandon);
process.once('disconnect', abandon);

const running = await (kind === 'raw' ? startRaw() : startParley());
process.send?.({ url: running.url });
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMs: (user + system) / 1000, fullGcs });
    return;
  }
  if (message !== 'stop') return;
  process.off('disconnect', abandon);
  void running.close().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.disconnect();
  });
});
