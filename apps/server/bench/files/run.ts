/**
 * `npm run bench:files`: upload throughput through Parley's whole path vs a bare streamed upload to
 * disk on the same loopback, then thumbnails per second through Parley vs raw sharp on the same
 * images. Each server runs in its own process. See docs/benchmarks.md ("Files").
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { call, connect } from '../clients.js';
import { QUIET_CORES, waitForQuiet } from '../machine.js';
import { parseOptions, usage, type FilesBenchOptions } from './options.js';
import { makePhotos, parleyThumbnails, rawThumbnails } from './thumbnails.js';
import { closeAgent, discard, makeFile, rawUpload, tusUpload } from './uploads.js';
import { runBench } from '../entrypoint.js';

const MiB = 1024 * 1024;
const children: ChildProcess[] = [];

/** Starts server-child.ts as `kind` and waits for its URL. */
interface ProcessUsage {
  cpuMs: number;
  fullGcs: number;
}

interface ServerChild {
  url: string;
  /** CPU time (user + system) the server process has used so far, ms, and its full collections. */
  usage(): Promise<ProcessUsage>;
  stop(): Promise<void>;
}

function startServer(kind: 'raw' | 'parley'): Promise<ServerChild> {
  const child = fork(new URL('./server-child.ts', import.meta.url), [kind], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      reject(new Error(`${kind} server exited with ${code}`));
    });
    child.once('message', (message) => {
      const { url } = message as { url: string };
      resolve({
        url,
        usage: () =>
          new Promise<ProcessUsage>((done) => {
            child.once('message', (reply) => {
              done(reply as ProcessUsage);
            });
            child.send('cpu');
          }),
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => {
              done();
            });
            child.send('stop');
          }),
      });
    });
  });
}

/** A signed-in user with a group of their own to upload into. */
async function signIn(url: string): Promise<{ token: string; conversationId: string }> {
  const res = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench_files', displayName: 'Bench', password: 'bench-password-1' }),
  });
  const { accessToken } = (await res.json()) as { accessToken: string };
  const socket = await connect(url, { token: accessToken });
  const { conversation } = await call(socket, 'groups.create', { name: 'bench', memberIds: [] });
  socket.disconnect();
  return { token: accessToken, conversationId: conversation.id };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const mibPerS = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);
const fixed = (n: number, digits = 1) => n.toFixed(digits);

async function main(options: FilesBenchOptions): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'parley-bench-files-'));
  const results: Record<string, unknown> = { options };
  try {
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fixed(totalmem() / 1024 ** 3)} GiB RAM, node ${process.version}, ` +
        `sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}), temp dir ${tmpdir()}`,
    );
    const size = options.sizeMib * MiB;
    const path = join(work, 'upload.bin');
    const sha256 = await makeFile(path, options.sizeMib);
    console.log(`\nUpload of ${options.sizeMib} MiB (random bytes), ${options.runs} runs each, median:`);

    const raw = await startServer('raw');
    const parley = await startServer('parley');
    const account = await signIn(parley.url);
    const rawMs: number[] = [];
    const parleyMs: number[] = [];
    const rawUsage: ProcessUsage[] = [];
    const parleyUsage: ProcessUsage[] = [];
    const usageOf = async (server: ServerChild, work: () => Promise<unknown>): Promise<ProcessUsage> => {
      const before = await server.usage();
      await work();
      const after = await server.usage();
      return { cpuMs: after.cpuMs - before.cpuMs, fullGcs: after.fullGcs - before.fullGcs };
    };
    /** Cores other processes kept busy just before each measurement (waited for up to 30 s to fall). */
    const otherLoad: number[] = [];
    const quiet = async () => {
      otherLoad.push(await waitForQuiet(QUIET_CORES, 30_000));
    };
    // Alternate the two so drift on the machine (page cache, other load) hits both alike.
    for (let run = 0; run < options.runs; run++) {
      await quiet();
      rawUsage.push(
        await usageOf(raw, async () => {
          rawMs.push(await rawUpload(raw.url, path, size));
        }),
      );
      await quiet();
      let id = '';
      parleyUsage.push(
        await usageOf(parley, async () => {
          const done = await tusUpload(
            parley.url,
            account.token,
            { path, size, sha256, name: 'upload.bin', type: 'application/octet-stream' },
            account.conversationId,
            options.chunkMib * MiB,
          );
          parleyMs.push(done.ms);
          id = done.id;
        }),
      );
      await discard(parley.url, account.token, id);
    }
    const rawRate = mibPerS(size, median(rawMs));
    const parleyRate = mibPerS(size, median(parleyMs));
    console.log(
      `  bare node:http → file, one streamed PUT, fsync   ${fixed(rawRate)} MiB/s  (${rawMs.map((m) => fixed(m / 1000, 2)).join(', ')} s)`,
    );
    console.log(
      `  Parley, tus ${options.chunkMib} MiB PATCHes, sha256, blob store  ${fixed(parleyRate)} MiB/s  (${parleyMs.map((m) => fixed(m / 1000, 2)).join(', ')} s)`,
    );
    console.log(`  ratio Parley / bare: ${fixed(parleyRate / rawRate, 2)}`);
    const gib = size / 1024 ** 3;
    const perGiB = (usage: ProcessUsage[], of: keyof ProcessUsage, scale = 1, digits = 2) =>
      fixed(median(usage.map((u) => u[of])) / scale / gib, digits);
    console.log(
      `  server CPU per GiB, median: bare ${perGiB(rawUsage, 'cpuMs', 1000)} s, Parley ${perGiB(parleyUsage, 'cpuMs', 1000)} s`,
    );
    console.log(
      `  full GCs per GiB, median: bare ${perGiB(rawUsage, 'fullGcs', 1, 1)}, Parley ${perGiB(parleyUsage, 'fullGcs', 1, 1)}`,
    );
    console.log(`  other load before the runs: up to ${fixed(Math.max(...otherLoad), 2)} cores busy`);
    results.upload = {
      rawMs,
      parleyMs,
      rawCpuMs: rawUsage.map((u) => u.cpuMs),
      parleyCpuMs: parleyUsage.map((u) => u.cpuMs),
      rawFullGcs: rawUsage.map((u) => u.fullGcs),
      parleyFullGcs: parleyUsage.map((u) => u.fullGcs),
      rawMiBps: rawRate,
      parleyMiBps: parleyRate,
      ratio: parleyRate / rawRate,
      otherLoad: [...otherLoad],
    };
    otherLoad.length = 0;
    await raw.stop();
    rmSync(path, { force: true });

    if (options.images > 0) {
      console.log(
        `\nThumbnails (320 px) and previews (1600 px), WebP, of ${options.images} JPEGs ${options.imageWidth}×${options.imageHeight}:`,
      );
      const photos = await makePhotos(work, options.images, options.imageWidth, options.imageHeight);
      await quiet();
      const rawThumbMs = await rawThumbnails(photos);
      await quiet();
      const through = await parleyThumbnails(parley.url, account.token, account.conversationId, photos);
      const rawRate = options.images / (rawThumbMs / 1000);
      const parleyRate = options.images / (through.ms / 1000);
      console.log(
        `  raw sharp, same operations, one image at a time   ${fixed(rawRate, 2)} images/s (${fixed(rawThumbMs / 1000, 2)} s)`,
      );
      console.log(
        `  Parley, upload → job → thumbnail served           ${fixed(parleyRate, 2)} images/s (${fixed(through.ms / 1000, 2)} s, of which uploads ${fixed(through.uploadMs / 1000, 2)} s)`,
      );
      console.log(`  ratio Parley / raw sharp: ${fixed(parleyRate / rawRate, 2)}`);
      console.log(`  other load before the runs: up to ${fixed(Math.max(...otherLoad), 2)} cores busy`);
      results.thumbnails = {
        rawMs: rawThumbMs,
        parleyMs: through.ms,
        uploadMs: through.uploadMs,
        ratio: parleyRate / rawRate,
      };
    }
    await parley.stop();
    if (options.json) console.log(JSON.stringify(results, null, 2));
  } finally {
    closeAgent();
    rmSync(work, { recursive: true, force: true });
  }
}

await runBench({ parseOptions, usage, main, children });
