import type { HandlersOf, IpcHandlerDeps } from './deps.js';

/** Sending, fetching and opening files, and the transfers that carry them. */
export function fileHandlers({ core, shell }: IpcHandlerDeps): HandlersOf<'files'> & HandlersOf<'transfers'> {
  const { files } = core;
  return {
    'files.send': async (request) => ({ entries: await files.send(request) }),
    'files.download': async (ref) => {
      await files.download(ref);
      return {};
    },
    'files.saveAs': async (ref) => {
      const { info } = files.fileOf(ref);
      const path = await shell.chooseSavePath(info.name);
      if (path === null) return { path: null };
      await files.saveTo(ref, path);
      return { path };
    },
    'files.open': async (ref) => {
      await shell.openPath(await files.named(ref));
      return {};
    },
    'files.showInFolder': async (ref) => {
      shell.showItemInFolder(await files.named(ref));
      return {};
    },
    'files.downloaded': async (request) => ({ downloaded: await files.downloaded(request.files) }),
    'files.cacheUsage': () => files.cacheUsage(),
    'files.clearCache': async () => ({ freedBytes: await files.clearCache() }),
    'transfers.list': () => ({ transfers: files.transfers() }),
    'transfers.pause': ({ id }) => {
      files.pause(id);
      return {};
    },
    'transfers.resume': ({ id }) => {
      files.resume(id);
      return {};
    },
    'transfers.cancel': async ({ id }) => {
      await files.cancel(id);
      return {};
    },
  };
}
