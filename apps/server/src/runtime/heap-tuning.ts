import { setFlagsFromString } from 'node:v8';

/**
 * Old-generation headroom for a server that streams uploads through short-lived socket buffers.
 *
 * V8 11.3 (Node 20) counts the ArrayBuffer bytes allocated since the last full collection against
 * the old generation's limit, and starts incremental marking once less than a new space (16 MiB) is
 * left. Young buffers are freed only by a scavenge, which external bytes alone trigger every 32 MiB.
 * After a full collection at a quiet moment V8 grows the limit by its minimum, 8 MiB (factor 1.1),
 * so every 8 MiB an upload received started the next full collection: about 50 per GiB, with a third
 * of the process's CPU on concurrent marking (docs/benchmarks.md, "Files"). Growing each limit to
 * three times the live heap leaves room for those 32 MiB, and the buffers go at the next scavenge.
 *
 * A process-wide V8 setting that takes effect at the next full collection, so it works wherever the
 * server starts: the CLI, the Docker image, the desktop's utility process. A value the operator
 * passed to node (`node --heap-growing-percent=N`) is left alone.
 */
export const HEAP_GROWING_PERCENT = 200;

export function tuneHeapForStreaming(execArgv: readonly string[] = process.execArgv): void {
  if (
    execArgv.some(
      (arg) => arg.startsWith('--heap-growing-percent') || arg.startsWith('--heap_growing_percent'),
    )
  )
    return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
