/*
 * The renderer's file URLs, on its own origin: the main process answers them from the local cache
 * (fetching once when online), so the page never holds a token and pictures seen once show offline.
 */

export type FileVariant = 'thumbnail' | 'preview' | 'original';

export const fileUrl = (fileId: string, variant: FileVariant) =>
  `/files/${encodeURIComponent(fileId)}/${variant}`;

/** The local bytes of a message still being sent (my own preview of it). */
export const outgoingUrl = (clientMsgId: string) => `/files/outgoing/${encodeURIComponent(clientMsgId)}`;

export const avatarUrl = (fileId: string, size: 64 | 256) => `/avatars/${encodeURIComponent(fileId)}/${size}`;
