import type { IpcRequest, Transfer } from '@parley/shared';
import { Limits } from '@parley/shared/limits';
import { call, parley } from '../api/parley.js';
import { nameForBytes, planSource, toSource } from '../components/files/file-source.js';
import type { SliceCreator } from './types.js';

/** A file the user picked, pasted or dropped into a conversation's composer. */
export interface Attachment {
  id: string;
  conversationId: string;
  name: string;
  size: number;
  type: string;
  file: File;
}

/** A message's file, as the files.* calls name it. */
export interface FileRef {
  conversationId: string;
  messageId: string;
}

type SendItem = IpcRequest<'files.send'>['items'][number];

/** files.send takes at most this many items per call. */
const itemsPerCall = 20;
/** files.downloaded asks about at most this many files per call. */
const idsPerCall = Limits.idsPerRequestMax;

export interface TransfersSlice {
  /** Files waiting in each composer, by conversation id. */
  attachments: Record<string, Attachment[]>;
  /** Uploads (id = the message's clientMsgId) and downloads (`download:<fileId>`) not finished yet. */
  transfers: Record<string, Transfer>;
  /** Files downloaded into the cache while the app ran, by file id: their cards offer Open. */
  downloaded: Record<string, true>;
  addAttachments: (conversationId: string, files: readonly File[]) => void;
  removeAttachment: (conversationId: string, id: string) => void;
  /**
   * Sends the composer's files, one message each, in order (the first one replying to `replyTo`).
   * Files that exist only in the page and are too large for IPC stay in the composer: returned.
   */
  sendAttachments: (conversationId: string, replyTo?: string) => Promise<Attachment[]>;
  /** Queues file messages (a recording, say); each shows at once and uploads in the background. */
  sendFiles: (conversationId: string, items: SendItem[], replyTo?: string) => Promise<void>;
  loadTransfers: () => Promise<void>;
  transfersChanged: (transfers: readonly Transfer[]) => void;
  pauseTransfer: (id: string) => Promise<void>;
  resumeTransfer: (id: string) => Promise<void>;
  /** An upload's message goes with it; a download's partial bytes are dropped. */
  cancelTransfer: (id: string) => Promise<void>;
  downloadFile: (ref: FileRef) => Promise<void>;
  openFile: (ref: FileRef) => Promise<void>;
  showFileInFolder: (ref: FileRef) => Promise<void>;
  /** Where the file was saved, or null when the dialog was cancelled. */
  saveFileAs: (ref: FileRef) => Promise<string | null>;
  /**
   * Asks the core, once per file, whether a card's file is already in the cache (downloaded in an
   * earlier run); the cards that mount together are asked about in one call.
   */
  checkDownloaded: (ref: FileRef, fileId: string) => void;
  /** Empties the local file cache (Settings → Storage); no card says Downloaded after it. Returns the bytes freed. */
  clearFileCache: () => Promise<number>;
}

export const downloadTransferId = (fileId: string) => `download:${fileId}`;

type TransferState = Pick<TransfersSlice, 'transfers' | 'downloaded'>;

/**
 * Transfers after `transfers.changed`: finished and cancelled ones leave the list; a download that
 * finished marks its file as here (one that starts again, or is dropped, unmarks it).
 */
export function applyTransferChanges(state: TransferState, changed: readonly Transfer[]): TransferState {
  const transfers = new Map(Object.entries(state.transfers));
  const downloaded = new Map(Object.entries(state.downloaded));
  for (const t of changed) {
    if (t.state === 'done' || t.state === 'cancelled') transfers.delete(t.id);
    else transfers.set(t.id, t);
    if (t.direction === 'download' && t.fileId !== null) {
      if (t.state === 'done') downloaded.set(t.fileId, true);
      else downloaded.delete(t.fileId);
    }
  }
  return { transfers: Object.fromEntries(transfers), downloaded: Object.fromEntries(downloaded) };
}

export const createTransfersSlice: SliceCreator<TransfersSlice> = (set, get) => {
  const setAttachments = (conversationId: string, list: (current: Attachment[]) => Attachment[]) => {
    set((s) => ({
      attachments: { ...s.attachments, [conversationId]: list(s.attachments[conversationId] ?? []) },
    }));
  };

  const asked = new Set<string>();
  let waiting: FileRef[] = [];
  const askDownloaded = async () => {
    const refs = waiting;
    waiting = [];
    for (let at = 0; at < refs.length; at += idsPerCall) {
      const { downloaded } = await call(
        parley().files.downloaded({ files: refs.slice(at, at + idsPerCall) }),
      );
      if (downloaded.length === 0) continue;
      set((s) => ({
        downloaded: { ...s.downloaded, ...Object.fromEntries(downloaded.map((id) => [id, true as const])) },
      }));
    }
  };

  return {
    attachments: {},
    transfers: {},
    downloaded: {},

    addAttachments: (conversationId, files) => {
      if (files.length === 0) return;
      const now = new Date();
      const added = files.map((file) => ({
        id: crypto.randomUUID(),
        conversationId,
        // The name it will be sent under: a pasted picture's own is no name at all.
        name: parley().pathForFile(file) ? file.name : nameForBytes(file, now),
        size: file.size,
        type: file.type,
        file,
      }));
      setAttachments(conversationId, (current) => [...current, ...added]);
    },

    removeAttachment: (conversationId, id) => {
      setAttachments(conversationId, (current) => current.filter((a) => a.id !== id));
    },

    sendAttachments: async (conversationId, replyTo) => {
      const waiting = get().attachments[conversationId] ?? [];
      if (waiting.length === 0) return [];
      const planned = waiting.map((a) => ({ a, plan: planSource(a.file, parley().pathForFile(a.file)) }));
      const refused = planned.flatMap(({ a, plan }) => (plan.kind === 'too-large' ? [a] : []));
      const going = planned.flatMap(({ a, plan }) => (plan.kind === 'too-large' ? [] : [{ a, plan }]));
      if (going.length === 0) return refused;
      // Off the composer at once; back in it if they could not be queued.
      const sent = new Set(going.map(({ a }) => a.id));
      setAttachments(conversationId, (current) => current.filter((a) => !sent.has(a.id)));
      try {
        const items = await Promise.all(
          going.map(async ({ a, plan }) => ({ source: await toSource(a.file, plan, a.name) })),
        );
        await get().sendFiles(conversationId, items, replyTo);
      } catch (err) {
        setAttachments(conversationId, (current) => [...going.map(({ a }) => a), ...current]);
        throw err;
      }
      return refused;
    },

    sendFiles: async (conversationId, items, replyTo) => {
      for (let i = 0; i < items.length; i += itemsPerCall) {
        const { entries } = await call(
          parley().files.send({
            conversationId,
            items: items.slice(i, i + itemsPerCall),
            ...(i === 0 && replyTo ? { replyTo } : {}),
          }),
        );
        await get().entriesQueued(conversationId, entries);
      }
    },

    loadTransfers: async () => {
      const { transfers } = await call(parley().transfers.list());
      set({ transfers: Object.fromEntries(transfers.map((t) => [t.id, t])) });
    },

    transfersChanged: (changed) => {
      set((s) => applyTransferChanges(s, changed));
    },

    pauseTransfer: async (id) => {
      await call(parley().transfers.pause({ id }));
    },
    resumeTransfer: async (id) => {
      await call(parley().transfers.resume({ id }));
    },
    cancelTransfer: async (id) => {
      const t = get().transfers[id];
      await call(parley().transfers.cancel({ id }));
      if (t?.direction === 'upload') await get().loadTimeline(t.conversationId);
    },

    checkDownloaded: (ref, fileId) => {
      if (asked.has(fileId) || get().downloaded[fileId]) return;
      asked.add(fileId);
      waiting.push(ref);
      // A card without its mark is no harm: a failed question is not worth an error.
      if (waiting.length === 1) setTimeout(() => void askDownloaded().catch(() => undefined), 0);
    },
    downloadFile: async (ref) => {
      await call(parley().files.download(ref));
    },
    clearFileCache: async () => {
      const { freedBytes } = await call(parley().files.clearCache({}));
      asked.clear();
      set({ downloaded: {} });
      return freedBytes;
    },
    openFile: async (ref) => {
      await call(parley().files.open(ref));
    },
    showFileInFolder: async (ref) => {
      await call(parley().files.showInFolder(ref));
    },
    saveFileAs: async (ref) => {
      const { path } = await call(parley().files.saveAs(ref));
      return path;
    },
  };
};
