import type { HandlersOf, IpcHandlerDeps } from './deps.js';

export function appHandlers({
  core,
  settings,
  shell,
}: IpcHandlerDeps): HandlersOf<'settings'> & HandlersOf<'app'> {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.update(patch),
    'app.info': () => shell.appInfo(),
    'app.badge': () => ({ count: core.badge() }),
    'app.openExternal': async ({ url }) => {
      await shell.openExternal(url);
      return {};
    },
  };
}
