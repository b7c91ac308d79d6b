import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotsDir } from './paths.js';

/**
 * Saves what the page shows as test-artifacts/screenshots/<name>.png (the global setup prints the
 * folder once per run) and returns the file's path. Animations are stopped first.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = join(screenshotsDir, `${name.replace(/[^\p{L}\p{N}._-]+/gu, '-')}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}
