import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, mergeConfig, type UserConfig } from 'vite';
import { rendererConfig } from '../../../vite.renderer.js';
import { desktopDir } from './paths.js';

export interface E2eBuild {
  /** The built renderer (index.html and assets/), as the app ships it in out/renderer. */
  rendererDir: string;
  /** The bundled script the page runs first: window.parley, as the preload builds it. */
  initScript: string;
}

/**
 * Builds what the end-to-end tests load: the renderer with the app's own Vite config, and
 * support/page/init.ts (the preload's buildParleyApi over the harness's ipc) as one browser script.
 */
export async function buildForE2e(outDir: string): Promise<E2eBuild> {
  const [rendererDir, initScript] = await Promise.all([
    buildRenderer(join(outDir, 'renderer')),
    buildInitScript(join(outDir, 'init')),
  ]);
  return { rendererDir, initScript };
}

export async function buildRenderer(outDir: string, config: UserConfig = rendererConfig): Promise<string> {
  // Vitest sets NODE_ENV=test, which would make Vite and the React plugin ship React's development
  // build (jsxDEV, extra checks): several times slower than what the app ships. Build as the app does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await buildProduction(outDir, config);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

async function buildProduction(outDir: string, config: UserConfig): Promise<void> {
  await build(
    mergeConfig(config, {
      configFile: false,
      logLevel: 'warn',
      // The size and build-time warnings are for the app's build; here they would be noise.
      build: {
        outDir,
        emptyOutDir: true,
        reportCompressedSize: false,
        chunkSizeWarningLimit: 100_000,
        rolldownOptions: { checks: { bundlerTimings: false } },
      },
      mode: 'production',
    }),
  );
}

/** support/page/init.ts and what it imports, as one classic script for page.addInitScript. */
export function buildInitScript(outDir: string): Promise<string> {
  return buildPageScript('test/e2e/support/page/init.ts', 'parleyE2eInit', outDir);
}

/**
 * A module under apps/desktop (`entry`, relative to it) and what it imports, bundled as one classic
 * script a page can run first (page.addInitScript). Returns the script's path.
 */
export async function buildPageScript(entry: string, name: string, outDir: string): Promise<string> {
  await build({
    configFile: false,
    root: desktopDir,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      reportCompressedSize: false,
      lib: {
        entry: join(desktopDir, entry),
        formats: ['iife'],
        name,
        fileName: () => `${name}.js`,
      },
    },
  });
  return join(outDir, `${name}.js`);
}

export function readInitScript(built: E2eBuild): string {
  return readFileSync(built.initScript, 'utf8');
}
