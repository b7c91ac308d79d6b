/**
 * Starts a Parley server, runs one full collection and exits, for heap-tuning.test.ts:
 *
 *   node --expose-gc --trace-gc --trace-gc-verbose [node flags] --import tsx heap-limit-probe.ts <dataDir>
 *
 * V8's trace on stdout then shows the old-generation limit the server's process grows to.
 */
import { createServer } from '../../src/index.js';

const dataDir = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc;
if (!dataDir || !gc) {
  process.stderr.write('usage: node --expose-gc … heap-limit-probe.ts <dataDir>\n');
  process.exit(2);
}
await createServer({ dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent', announce: false });
gc();
process.exit(0);
