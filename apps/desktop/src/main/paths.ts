import { app } from 'electron';
import { join } from 'node:path';

export const APP_ID = 'app.parley.desktop';

/**
 * A file shipped in resources/: the repository's resources/ folder in development, the package's
 * resources folder once installed (electron-builder.yml copies it there).
 */
export function resourcePath(...parts: string[]): string {
  return app.isPackaged
    ? join(process.resourcesPath, ...parts)
    : join(app.getAppPath(), '..', '..', 'resources', ...parts);
}

/** The build output electron-vite writes (out/), inside app.asar once packaged. */
export function builtPath(...parts: string[]): string {
  return join(app.getAppPath(), 'out', ...parts);
}
