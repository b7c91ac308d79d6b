import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import type { UserConfig } from 'vite';

const root = resolve(import.meta.dirname, 'src/renderer');

/**
 * The renderer's Vite config: the React app under src/renderer, entered through index.html. The
 * app's build (electron.vite.config.ts) and the end-to-end tests' build (test/e2e/support) both
 * use it, so the tests load the same bundle the window does.
 */
export const rendererConfig = {
  root,
  plugins: [react()],
  build: {
    rolldownOptions: { input: resolve(root, 'index.html') },
  },
} satisfies UserConfig;
