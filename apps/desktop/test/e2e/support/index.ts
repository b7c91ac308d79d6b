/*
 * The end-to-end harness: the built renderer in headless Chromium, over the real desktop core in
 * this process, against a real server (docs/architecture.md, "End-to-end tests").
 */
export { closeApps, launchBrowser, newProfile, openApp } from './app.js';
export type { AppProfile, OpenAppOptions, ParleyApp, Problem } from './app.js';
export { buildForE2e, type E2eBuild } from './build.js';
export { befriendInPages, openPerson, password, type Person, signUpInPage } from './people.js';
export { accessibleDescription } from './accessible.js';
export { saveScreenshot } from './screenshots.js';
export { screenshotsDir } from './paths.js';
