import { app } from 'electron';

/**
 * Takes the single-instance lock. A second launch hands over to the first (which brings its
 * window forward) and quits; returns false in that second launch.
 */
export function claimSingleInstance(onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    onSecondLaunch();
  });
  return true;
}
