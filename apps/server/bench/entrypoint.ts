/**
 * A bench script's command line: parses the options (a bad one prints why and the usage, exit 64;
 * `--help` prints the usage), runs the bench, and on a failure kills the processes it started and
 * exits 1.
 */
export async function runBench<O>(bench: {
  parseOptions: (argv: string[]) => O | null;
  usage: string;
  main: (options: O) => Promise<void>;
  /** What the bench started (child processes and the like), ended when it fails. */
  children: readonly { kill(): unknown }[];
}): Promise<void> {
  let options: O | null;
  try {
    options = bench.parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${bench.usage}`);
    process.exit(64);
  }
  if (options === null) {
    console.log(bench.usage);
    return;
  }
  await bench.main(options).catch((err: unknown) => {
    console.error('bench failed:', err instanceof Error ? (err.stack ?? err.message) : err);
    for (const child of bench.children) child.kill();
    process.exitCode = 1;
  });
}
