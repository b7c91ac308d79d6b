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
}

export const createTransfersSlice: SliceCreator<TransfersSlice> = () => ({
  attachments: {},
});
