import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildForE2e, type E2eBuild } from './support/build.js';
import { screenshotsDir } from './support/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    parleyE2e: E2eBuild;
  }
}

/**
 * Once per run, before any e2e file (vitest calls this only when an e2e test is queued): builds the
 * renderer and the page's init script into a folder of this run's own, so two runs at once do not
 * trip over each other, and says where screenshots go.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const started = Date.now();
  const outDir = mkdtempSync(join(tmpdir(), 'parley-e2e-build-'));
  const built = await buildForE2e(outDir);
  mkdirSync(screenshotsDir, { recursive: true });
  console.log(`[e2e] renderer built in ${Date.now() - started} ms; screenshots go to ${screenshotsDir}`);
  project.provide('parleyE2e', built);
  return () => {
    rmSync(outDir, { recursive: true, force: true });
  };
}
