import { z } from 'zod';
import { ConversationId, FileId, MessageId, Timestamp } from '../ids.js';
import { Limits } from '../limits.js';

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');

/** The four kinds of message that carry a file. */
export const FileMessageKind = z.enum(['image', 'file', 'voice', 'video']);
export type FileMessageKind = z.infer<typeof FileMessageKind>;

/**
 * What the server knows about a stored file, as every message that carries it shows it.
 * `name` is already neutralised by the server (no path, no control or bidi characters, bounded length).
 */
export const FileInfo = z.object({
  id: FileId,
  name: z.string(),
  size: z.int().min(0),
  /** The type the server settled on after looking at the bytes, not the one the client declared. */
  mime: z.string(),
  sha256: Sha256Hex,
  /** Images (and videos whose client gave them): pixels after EXIF orientation. */
  width: z.int().min(1).nullable(),
  height: z.int().min(1).nullable(),
  /** Images only: a small WebP at /api/files/:id/thumbnail and a larger one at /preview. */
  hasThumbnail: z.boolean(),
  /** Executables and scripts: clients warn before opening them. */
  executable: z.boolean(),
  createdAt: Timestamp,
});
export type FileInfo = z.infer<typeof FileInfo>;

const ReplyTo = MessageId.optional();
/** Voice waveform: up to 100 peaks, each 0–255. */
export const Waveform = z.array(z.int().min(0).max(255)).max(Limits.waveformPeaksMax);
export const DurationMs = z.int().min(0).max(Limits.mediaDurationMaxMs);

/** What a client sends for a file message: the id of a finished upload plus what only the client knows. */
export const ImageSend = z.strictObject({ kind: z.literal('image'), fileId: FileId, replyTo: ReplyTo });
export const FileSend = z.strictObject({ kind: z.literal('file'), fileId: FileId, replyTo: ReplyTo });
export const VoiceSend = z.strictObject({
  kind: z.literal('voice'),
  fileId: FileId,
  durationMs: DurationMs,
  waveform: Waveform,
  replyTo: ReplyTo,
});
export const VideoSend = z.strictObject({
  kind: z.literal('video'),
  fileId: FileId,
  durationMs: DurationMs,
  /** An image the client uploaded as the poster frame. */
  posterFileId: FileId.optional(),
  replyTo: ReplyTo,
});

/** The stored form adds the server's FileInfo (and the poster's), so receivers render without another request. */
export const ImageContent = ImageSend.extend({ file: FileInfo });
export const FileContent = FileSend.extend({ file: FileInfo });
export const VoiceContent = VoiceSend.extend({ file: FileInfo });
export const VideoContent = VideoSend.extend({ file: FileInfo, poster: FileInfo.optional() });
export type ImageContent = z.infer<typeof ImageContent>;
export type FileContent = z.infer<typeof FileContent>;
export type VoiceContent = z.infer<typeof VoiceContent>;
export type VideoContent = z.infer<typeof VideoContent>;

/**
 * tus Upload-Metadata keys (values base64 as tus requires). `Upload-Length` carries the size.
 * An upload belongs to one conversation; only its members may create or continue it.
 */
export const UploadMetadata = z.strictObject({
  conversationId: ConversationId,
  name: z.string().min(1).max(Limits.fileNameInputMax),
  /** What the client believes; the server sniffs the bytes and may disagree. */
  type: z.string().max(255),
  sha256: Sha256Hex,
});
export type UploadMetadata = z.infer<typeof UploadMetadata>;

/** Avatars are uploaded in one request (they are small) and shown at these square sizes. */
export const AvatarSize = z.enum(['64', '256']);
export type AvatarSize = z.infer<typeof AvatarSize>;
