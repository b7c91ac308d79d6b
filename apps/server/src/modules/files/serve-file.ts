import type { Request, Response } from 'express';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseRange } from './byte-ranges.js';

export interface Servable {
  path: string;
  size: number;
  /** Quoted strong validator; stored files use their sha256, which never changes for an id. */
  etag: string;
  contentType: string;
  disposition: string;
}

/** Whether an If-None-Match list names `etag` (weak comparison, as RFC 9110 wants for it). */
function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//u, '') === etag);
}

/**
 * Sends a stored file with validators and single byte ranges: 304 for If-None-Match, 206 with
 * Content-Range for a Range (honoured only if If-Range, when given, is the current ETag), 416 with
 * `Content-Range: bytes *\/size` when the range starts past the end. Content addressed, so cacheable for good.
 */
export async function serveFile(req: Request, res: Response, file: Servable): Promise<void> {
  res.setHeader('ETag', file.etag);
  res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', file.disposition);
  if (noneMatchHits(req.get('if-none-match'), file.etag)) {
    res.status(304).end();
    return;
  }
  let range = parseRange(req.get('range'), file.size);
  const ifRange = req.get('if-range');
  if (range.kind !== 'full' && ifRange !== undefined && ifRange.trim() !== file.etag)
    range = { kind: 'full' };
  if (range.kind === 'unsatisfiable') {
    res.status(416).setHeader('Content-Range', `bytes */${file.size}`);
    res.end();
    return;
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : file.size - 1;
  if (range.kind === 'partial') {
    res.status(206).setHeader('Content-Range', `bytes ${start}-${end}/${file.size}`);
  }
  res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  if (req.method === 'HEAD' || file.size === 0) {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(file.path, { start, end }), res);
  } catch (err) {
    // The client went away mid-body: nothing to answer, nothing wrong with the server.
    if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
  }
}
