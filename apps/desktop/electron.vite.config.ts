import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { rendererConfig } from './vite.renderer.js';

/*
 * Everything is bundled: the workspace packages (TypeScript sources), zod, socket.io-client and
 * better-sqlite3's JavaScript. The packaged app then needs no node_modules at all, only out/ and
 * the Electron build of better-sqlite3's addon in native/ (docs/architecture.md).
 */
export default defineConfig({
  main: {
    build: {
      externalizeDeps: false,
      lib: {
        entry: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          // The host process (a utility process running the server): its own entry, out/main/host.cjs.
          host: resolve(import.meta.dirname, 'src/host/index.ts'),
        },
        formats: ['cjs'],
      },
      rolldownOptions: {
        // The server's two N-API addons load their binaries through their own packages, which ship
        // in the app's node_modules (dependencies in package.json); better-sqlite3 goes by nativeBinding.
        external: ['argon2', 'sharp'],
        output: { entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  },
  preload: {
    // A sandboxed preload must be one CommonJS file that requires nothing but electron.
    build: {
      externalizeDeps: false,
      lib: { entry: resolve(import.meta.dirname, 'src/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: rendererConfig,
});
