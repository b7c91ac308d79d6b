import { z } from 'zod';
import { ErrorCodes } from '../errors.js';
import { ClientMsgId, ConversationId, MessageId } from '../ids.js';
import { Limits } from '../limits.js';
import { DurationMs, FileMessageKind, Waveform } from '../schemas/files.js';

/*
 * Files as the renderer sees them. The renderer never holds a token or a path it did not pick: it
 * hands the main process files (by path where Electron knows one, else as bytes) and shows them
 * through URLs on its own origin that the main process answers from the local cache:
 *   /files/<fileId>/thumbnail | /preview | /original   (a stored file; fetched once, then offline)
 *   /files/outgoing/<clientMsgId>                       (the local file of a message still being sent)
 */

/** An absolute path (POSIX, a Windows drive or a UNC share) without NUL: never resolved against main's cwd. */
const AbsolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine(
    (p) => !p.includes('\0') && (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\')),
    {
      error: 'must be an absolute path',
    },
  );

/** Where a file to send comes from. */
export const FileSource = z.discriminatedUnion('kind', [
  /** A file on disk, as the preload's `pathForFile` gave it. */
  z.strictObject({ kind: z.literal('path'), path: AbsolutePath }),
  /** Pasted images and voice recordings, which exist only in the renderer. */
  z.strictObject({
    kind: z.literal('bytes'),
    name: z.string().min(1).max(Limits.fileNameInputMax),
    type: z.string().max(255),
    data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= Limits.bytesFromRendererMax, {
      error: `must be at most ${Limits.bytesFromRendererMax} bytes; send larger files by path`,
    }),
  }),
]);
export type FileSource = z.infer<typeof FileSource>;

export const FileSendItem = z.strictObject({
  source: FileSource,
  /** Set for a recorded voice message. */
  voice: z.strictObject({ durationMs: DurationMs, waveform: Waveform }).optional(),
});

export const SendFilesRequest = z.strictObject({
  conversationId: ConversationId,
  items: z.array(FileSendItem).min(1).max(20),
  /** Applies to the first item. */
  replyTo: MessageId.optional(),
});

export const TransferState = z.enum(['hashing', 'queued', 'active', 'paused', 'done', 'failed', 'cancelled']);
export type TransferState = z.infer<typeof TransferState>;

/**
 * An upload (id = the message's clientMsgId) or a download (id = `download:<fileId>`), with progress.
 * Uploads resume from the server's offset after a drop or a restart without anyone asking.
 */
export const Transfer = z.object({
  id: z.string(),
  direction: z.enum(['upload', 'download']),
  conversationId: z.string(),
  fileId: z.string().nullable(),
  name: z.string(),
  size: z.int().min(0),
  bytesDone: z.int().min(0),
  state: TransferState,
  error: z.object({ code: z.enum([...ErrorCodes, 'NETWORK', 'IO']), message: z.string() }).nullable(),
});
export type Transfer = z.infer<typeof Transfer>;

/** A file message still in the outbox: what the bubble shows before the server has the file. */
export const PendingFileContent = z.object({
  kind: FileMessageKind,
  name: z.string(),
  size: z.int().min(0),
  mime: z.string(),
  width: z.int().min(1).nullable(),
  height: z.int().min(1).nullable(),
  durationMs: DurationMs.optional(),
  waveform: Waveform.optional(),
  replyTo: z.string().optional(),
  /** Set once the upload finished (the send itself may still be pending). */
  fileId: z.string().nullable(),
});
export type PendingFileContent = z.infer<typeof PendingFileContent>;

export const TransferRef = z.strictObject({ id: z.string().min(1).max(200) });
export const FileMessageRef = z.strictObject({ conversationId: ConversationId, messageId: MessageId });
export const OutgoingRef = z.strictObject({ clientMsgId: ClientMsgId });
