// Builds better-sqlite3's native addon for Electron's ABI into native/electron-<v>-<platform>-<arch>/,
// leaving the Node build in node_modules untouched, so `npm test` (Node) and `npm start` (Electron)
// both work from one `npm install`. The main process loads this file through better-sqlite3's
// `nativeBinding` option. See docs/architecture.md, "Native modules: one install for Node and Electron".
//
//   node scripts/build-native.mjs             skip (exit 0) with a message when it cannot build
//   node scripts/build-native.mjs --required  fail instead (packaging: an installer without it is broken)
//   node scripts/build-native.mjs --force     rebuild even if the file is there
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { sqliteAddonPath } from './native-layout.mjs';

const require = createRequire(import.meta.url);
const desktopDir = resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const log = (message) => console.log(`[build-native] ${message}`);

function skip(reason) {
  log(`${args.has('--required') ? 'FAILED' : 'skipped'}: ${reason}`);
  if (!args.has('--required')) {
    log('Node (tests, server) is unaffected. The Electron app needs this file to open its database:');
    log('run `npm run build:native` on a machine that can reach the npm and Electron download hosts.');
  }
  process.exit(args.has('--required') ? 1 : 0);
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '0') {
  skip(
    'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so Electron is not installed here and nothing can run this build.',
  );
}

let electronVersion;
try {
  electronVersion = require('electron/package.json').version;
} catch {
  skip('the electron package is not installed.');
}
if (!existsSync(join(dirname(require.resolve('electron/package.json')), 'path.txt'))) {
  skip(`Electron ${electronVersion}'s binary is not installed (its download was skipped or failed).`);
}

const target = join(desktopDir, sqliteAddonPath(electronVersion, process.platform, process.arch));
if (existsSync(target) && !args.has('--force')) {
  log(`up to date: ${target}`);
  process.exit(0);
}

// Work on a copy, so neither prebuild-install nor node-gyp touches the Node build in node_modules.
const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'parley-native-'));
cpSync(source, work, {
  recursive: true,
  filter: (file) => !['build', 'node_modules'].includes(basename(file)) || dirname(file) !== source,
});

// npm's own settings (nodedir, target, runtime…) would make node-gyp build for Node instead.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_config_(nodedir|target|runtime|disturl|arch)$/i.test(k)),
);
const run = (file, argv) =>
  spawnSync(process.execPath, [file, ...argv], { cwd: work, env, stdio: 'inherit' }).status === 0;
const built = join(work, 'build', 'Release', 'better_sqlite3.node');

log(`better-sqlite3 for Electron ${electronVersion} (${process.platform}-${process.arch})`);
let ok = run(require.resolve('prebuild-install/bin.js'), [
  '--runtime=electron',
  `--target=${electronVersion}`,
  `--arch=${process.arch}`,
  `--platform=${process.platform}`,
]);
if (!ok || !existsSync(built)) {
  log('no prebuilt binary could be downloaded; building from source with node-gyp and Electron headers');
  const nodeGyp = process.env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js');
  ok = run(nodeGyp, [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
  ]);
}
if (!ok || !existsSync(built)) {
  rmSync(work, { recursive: true, force: true });
  skip('neither a prebuilt download nor a source build worked (offline, or no C++ toolchain?).');
}
mkdirSync(dirname(target), { recursive: true });
cpSync(built, target);
rmSync(work, { recursive: true, force: true });
log(`wrote ${target}`);
