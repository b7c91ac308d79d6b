import { resolve } from 'node:path';

/** apps/desktop */
export const desktopDir = resolve(import.meta.dirname, '..', '..', '..');
/** The repository's test-artifacts/ (CI clears it before the tests; git ignores it). */
export const artifactsDir = resolve(desktopDir, '..', '..', 'test-artifacts');
/** Where saveScreenshot writes. */
export const screenshotsDir = resolve(artifactsDir, 'screenshots');
