import { CpuProfiler } from './profiler.js';
import { isMessage, processStats, type TargetReply, type TargetRequest } from './ipc.js';

export interface RunningTarget {
  url: string;
  close(): Promise<void>;
}

function reply(message: TargetReply): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) {
      resolve();
      return;
    }
    process.send(message, undefined, {}, () => {
      resolve();
    });
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/**
 * Runs a server in this (forked) process and answers the parent over IPC:
 * "ready" with its URL, resource samples on request, and a clean stop.
 * RSS is sampled every 100 ms so short peaks between requests are seen.
 */
export function hostTarget(start: () => Promise<RunningTarget>): void {
  if (!process.send) throw new Error('run this file through bench/run.ts (it needs an IPC channel)');

  let rssMax = 0;
  const sample = (): void => {
    rssMax = Math.max(rssMax, process.memoryUsage.rss());
  };
  const sampler = setInterval(sample, 100);
  sampler.unref();

  let target: RunningTarget | null = null;
  let stopping = false;

  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(sampler);
    try {
      await target?.close();
    } catch (err) {
      await reply({ type: 'error', message: `close failed: ${errorText(err)}` });
      code = 1;
    }
    sample();
    await reply({ type: 'stopped', stats: processStats(rssMax) });
    if (process.connected) process.disconnect();
    // Exiting normally (not by a signal) lets --cpu-prof write its profile.
    process.exit(code);
  };

  const profiler = new CpuProfiler();
  const handle = async (message: TargetRequest): Promise<void> => {
    switch (message.type) {
      case 'stats': {
        sample();
        const stats = processStats(rssMax);
        if (message.resetMax) rssMax = 0;
        await reply({ type: 'stats', stats });
        return;
      }
      case 'profile':
        if (message.action === 'start') {
          await profiler.start();
          await reply({ type: 'profiling' });
        } else {
          await profiler.stop(message.file);
          await reply({ type: 'profiled', file: message.file });
        }
        return;
      case 'stop':
        await stop(0);
        return;
    }
  };
  process.on('message', (message: unknown) => {
    if (!isMessage<TargetRequest>(message)) return;
    handle(message).catch(async (err: unknown) => {
      await reply({ type: 'error', message: errorText(err) });
    });
  });
  // The parent went away: nobody will ask us to stop.
  process.on('disconnect', () => {
    void stop(0);
  });

  start()
    .then(async (running) => {
      target = running;
      const host = new URL(running.url).hostname;
      if (host !== '127.0.0.1') throw new Error(`server listens on ${host}, expected 127.0.0.1`);
      await reply({ type: 'ready', url: running.url });
    })
    .catch(async (err: unknown) => {
      await reply({ type: 'error', message: `start failed: ${errorText(err)}` });
      await stop(1);
    });
}
