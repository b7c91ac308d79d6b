import { AvatarSize, ConversationId, FileId, Limits, parseWith } from '@parley/shared';
import type { Server as TusServer } from '@tus/server';
import type express from 'express';
import type { Request, Response } from 'express';
import { stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Caller } from '../../context.js';
import { AppError } from '../../errors.js';
import type { RateLimits } from '../../rate-limits.js';
import type { HttpKit } from '../../transport/http.js';
import type { Avatars } from './avatars.js';
import { attachmentDisposition } from './content-disposition.js';
import type { FileRow, UploadRow } from './files-store.js';
import { serveFile } from './serve-file.js';
import { isSafeToLabel } from './sniff.js';
import { fileNotFound, type StoredFiles } from './stored-files.js';
import { handleWithTus } from './tus-node-adapter.js';
import { UPLOADS_PATH } from './tus-server.js';
import type { Uploads } from './uploads.js';

const TUS_METHODS = new Set(['POST', 'HEAD', 'PATCH', 'DELETE']);

/** The id in a path, or undefined when it is not one (answered like an unknown id). */
const fileIdOf = (raw: unknown): string | undefined => {
  const parsed = parseWith(FileId, raw);
  return parsed.ok ? parsed.value : undefined;
};

/** The body of an avatar PUT, read only after the caller is known; refused by its size before it is read. */
async function avatarBytes(req: Request): Promise<Buffer> {
  const tooBig = () =>
    new AppError('PAYLOAD_TOO_LARGE', `an avatar may be at most ${Limits.avatarBytesMax} bytes`);
  if (Number(req.get('content-length') ?? 0) > Limits.avatarBytesMax) throw tooBig();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > Limits.avatarBytesMax) throw tooBig();
    chunks.push(chunk);
  }
  if (size === 0) throw new AppError('UNSUPPORTED_IMAGE', 'send the image itself as the request body');
  return Buffer.concat(chunks);
}

/** The finished-upload answers tus itself cannot give (its partial is a blob by now). */
function answerFinished(req: Request, res: Response, file: FileRow): void {
  res.setHeader('Tus-Resumable', '1.0.0');
  res.setHeader('Cache-Control', 'no-store');
  if (req.method === 'HEAD') {
    res.setHeader('Upload-Offset', String(file.size));
    res.setHeader('Upload-Length', String(file.size));
    res.status(200).end();
    return;
  }
  throw new AppError('UPLOAD_OFFSET_MISMATCH', 'this upload is complete');
}

/** Uploads (tus), downloads, thumbnails, file info and avatars. */
export function mountFileRoutes(
  app: express.Express,
  kit: HttpKit,
  deps: {
    tus: TusServer;
    /** PATCH of an open upload (tus-patch.ts); tus answers the other methods. */
    patch: (req: Request, res: Response, upload: UploadRow) => Promise<void>;
    callers: WeakMap<IncomingMessage, Caller>;
    uploads: Uploads;
    files: StoredFiles;
    avatars: Avatars;
    limits: RateLimits;
  },
): void {
  const { route, authed } = kit;
  const { files, uploads, avatars } = deps;

  app.all(
    [UPLOADS_PATH, `${UPLOADS_PATH}/*splat`],
    route(async (req, res) => {
      if (!TUS_METHODS.has(req.method)) throw new AppError('NOT_FOUND', 'no such route');
      const caller = await authed(req);
      const splat = (req.params as { splat?: string[] }).splat;
      if (req.method === 'POST') {
        if (splat && splat.length > 0) throw new AppError('NOT_FOUND', 'no such route');
        await deps.limits.consume('uploadsPerUser', caller.userId);
        deps.callers.set(req, caller);
        await handleWithTus(deps.tus, req, res);
        return;
      }
      const id = splat?.length === 1 ? fileIdOf(splat[0]) : undefined;
      const access = await uploads.access(caller, id, req.method);
      if (access.kind === 'finished') {
        if (req.method === 'DELETE') {
          await uploads.discardFinished(access.file);
          res.setHeader('Tus-Resumable', '1.0.0');
          res.status(204).end();
          return;
        }
        answerFinished(req, res, access.file);
        return;
      }
      if (req.method === 'PATCH') {
        await deps.patch(req, res, access.upload);
        return;
      }
      deps.callers.set(req, caller);
      await handleWithTus(deps.tus, req, res);
      if (req.method === 'DELETE' && res.statusCode === 204) await uploads.terminated(access.upload.id);
    }),
  );

  const readable = async (req: Request): Promise<FileRow> =>
    files.readable(await authed(req), fileIdOf(req.params.id));

  app.get(
    '/api/files/:id',
    route(async (req, res) => {
      const file = await readable(req);
      await serveFile(req, res, {
        path: files.blobs.blobPath(file.sha256),
        size: file.size,
        etag: `"${file.sha256}"`,
        contentType: isSafeToLabel(file.mime) ? file.mime : 'application/octet-stream',
        disposition: attachmentDisposition(file.name),
      });
    }),
  );

  app.get(
    '/api/files/:id/info',
    route(async (req, res) => {
      res.json(files.info(await readable(req)));
    }),
  );

  for (const variant of ['thumbnail', 'preview'] as const) {
    app.get(
      `/api/files/:id/${variant}`,
      route(async (req, res) => {
        const file = await readable(req);
        const path = await files.derived(file, variant);
        const { size } = await stat(path);
        await serveFile(req, res, {
          path,
          size,
          etag: `"${file.sha256}-${variant}"`,
          contentType: 'image/webp',
          disposition: 'inline',
        });
      }),
    );
  }

  app.put(
    '/api/me/avatar',
    route(async (req, res) => {
      const caller = await authed(req);
      const bytes = await avatarBytes(req);
      res.json({ user: await avatars.setMine(caller, bytes) });
    }),
  );
  app.delete(
    '/api/me/avatar',
    route(async (req, res) => {
      res.json({ user: await avatars.setMine(await authed(req), null) });
    }),
  );

  const groupOf = (req: Request): string => {
    const id = parseWith(ConversationId, req.params.id);
    if (!id.ok) throw new AppError('CONVERSATION_NOT_FOUND', 'no such conversation');
    return id.value;
  };
  app.put(
    '/api/conversations/:id/avatar',
    route(async (req, res) => {
      const caller = await authed(req);
      const conversationId = groupOf(req);
      avatars.checkGroup(caller, conversationId);
      const bytes = await avatarBytes(req);
      res.json(await avatars.setGroup(caller, conversationId, bytes));
    }),
  );
  app.delete(
    '/api/conversations/:id/avatar',
    route(async (req, res) => {
      const caller = await authed(req);
      res.json(await avatars.setGroup(caller, groupOf(req), null));
    }),
  );

  app.get(
    '/api/avatars/:fileId/:size',
    route(async (req, res) => {
      await authed(req);
      const size = parseWith(AvatarSize, req.params.size);
      const id = fileIdOf(req.params.fileId);
      if (!size.ok || id === undefined) throw fileNotFound();
      const avatar = avatars.path(id, size.value);
      const info = await stat(avatar.path).catch(() => {
        throw fileNotFound();
      });
      await serveFile(req, res, {
        path: avatar.path,
        size: info.size,
        etag: avatar.etag,
        contentType: 'image/webp',
        disposition: 'inline',
      });
    }),
  );
}
