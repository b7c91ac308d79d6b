import type { SliceCreator } from './types.js';

/** A file the user picked, pasted or dropped into a conversation's composer. */
export interface Attachment {
  id: string;
  conversationId: string;
  name: string;
  size: number;
  type: string;
}

export interface TransfersSlice {
  /** Files waiting in each composer; sending them arrives with the files feature. */
  attachments: Record<string, Attachment[]>;
  addAttachments: (
    conversationId: string,
    files: readonly { name: string; size: number; type: string }[],
  ) => void;
  removeAttachment: (conversationId: string, id: string) => void;
}

export const createTransfersSlice: SliceCreator<TransfersSlice> = (set) => ({
  attachments: {},
  addAttachments: (conversationId, files) => {
    if (files.length === 0) return;
    const added = files.map((f) => ({
      id: crypto.randomUUID(),
      conversationId,
      name: f.name,
      size: f.size,
      type: f.type,
    }));
    set((s) => ({
      attachments: {
        ...s.attachments,
        [conversationId]: [...(s.attachments[conversationId] ?? []), ...added],
      },
    }));
  },
  removeAttachment: (conversationId, id) => {
    set((s) => ({
      attachments: {
        ...s.attachments,
        [conversationId]: (s.attachments[conversationId] ?? []).filter((a) => a.id !== id),
      },
    }));
  },
});
