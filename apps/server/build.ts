/**
 * Bundles the standalone server into plain JavaScript (dist/cli.js, dist/index.js), so it runs with
 * `node` alone, without tsx: our TypeScript and the workspace packages (@parley/shared, @parley/db)
 * are compiled in; every npm dependency stays external and is loaded from node_modules at run time
 * (the native ones, better-sqlite3, argon2 and sharp, cannot be bundled anyway).
 *
 *   npm run build -w apps/server            → apps/server/dist
 *   npx tsx apps/server/build.ts OUTDIR      → OUTDIR
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = import.meta.dirname;

function dependenciesOf(packageJson: string): string[] {
  const pkg = JSON.parse(readFileSync(packageJson, 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  return Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
}

/** The npm packages the bundle loads at run time: the server's, and those of the workspace packages it compiles in. */
export function runtimeDependencies(): string[] {
  const all = [
    join(here, 'package.json'),
    join(here, '..', '..', 'packages', 'shared', 'package.json'),
    join(here, '..', '..', 'packages', 'db', 'package.json'),
  ].flatMap(dependenciesOf);
  return [...new Set(all)].filter((name) => !name.startsWith('@parley/')).sort();
}

export async function bundleServer(outdir = join(here, 'dist')): Promise<void> {
  await build({
    entryPoints: { cli: join(here, 'src', 'cli.ts'), index: join(here, 'src', 'index.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    target: 'node20',
    external: runtimeDependencies(),
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  await bundleServer(process.argv[2] === undefined ? undefined : resolve(process.argv[2]));
}
