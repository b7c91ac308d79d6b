import { resolve } from 'node:path';
import type { ViteUserConfig } from 'vitest/config';

/** Every workspace reports to the console and to test-artifacts/vitest-<name>.json for CI's summary. */
export function reporters(name: string): NonNullable<ViteUserConfig['test']> {
  return {
    reporters: ['default', 'json'],
    outputFile: { json: resolve(import.meta.dirname, 'test-artifacts', `vitest-${name}.json`) },
  };
}
