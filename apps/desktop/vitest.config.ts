import { configDefaults, defineConfig } from 'vitest/config';
import { reporters } from '../../vitest.shared.js';

/*
 * Two projects in one run: the unit and integration tests, and the end-to-end tests (files named
 * *.e2e.test.ts under test/e2e: the built renderer in headless Chromium over the real core). The
 * e2e project's global setup builds the renderer once per run, and only when an e2e file is queued.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    ...reporters('desktop'),
    projects: [
      {
        extends: true,
        test: {
          name: 'desktop',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/e2e/**'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
