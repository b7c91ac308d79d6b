import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The renderer's file URLs, matched on the raw (undecoded) path: nothing else, no `..`, no escapes. */
export type FileRoute =
  | { kind: 'outgoing'; clientMsgId: string }
  | { kind: 'file'; fileId: string; variant: 'thumbnail' | 'preview' | 'original' }
  | { kind: 'avatar'; fileId: string; size: '64' | '256' };

const routes: [RegExp, (m: RegExpExecArray) => FileRoute][] = [
  [
    new RegExp(`^/files/outgoing/(${UUID})$`),
    (m) => ({ kind: 'outgoing', clientMsgId: (m[1] ?? '').toLowerCase() }),
  ],
  [
    new RegExp(`^/files/(${UUID})/(thumbnail|preview|original)$`),
    (m) => ({
      kind: 'file',
      fileId: (m[1] ?? '').toLowerCase(),
      variant: m[2] as 'thumbnail' | 'preview' | 'original',
    }),
  ],
  [
    new RegExp(`^/avatars/(${UUID})/(64|256)$`),
    (m) => ({ kind: 'avatar', fileId: (m[1] ?? '').toLowerCase(), size: m[2] as '64' | '256' }),
  ],
];

export function parseFileRoute(pathname: string): FileRoute | null {
  for (const [pattern, route] of routes) {
    const m = pattern.exec(pathname);
    if (m) return route(m);
  }
  return null;
}

/** Whether a path belongs to the file URLs (the rest of the origin is the renderer's own files). */
export const isFileUrlPath = (pathname: string) =>
  pathname.startsWith('/files/') || pathname.startsWith('/avatars/');

/** A file on disk to answer with, and the type it claims. */
export interface LocalBytes {
  path: string;
  type: string;
}

/** Answers a route from the cache (fetching once when it can), or null: not known here, or not available. */
export type ResolveRoute = (route: FileRoute) => Promise<LocalBytes | null>;

/**
 * Only types a page can show without running anything are served as what they are; everything
 * else is opaque bytes, and nosniff keeps the browser from guessing otherwise.
 */
export function safeContentType(type: string): string {
  const t = type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (/^image\/(png|jpeg|gif|webp)$/.test(t)) return t;
  if (/^(audio|video)\/[a-z0-9.+-]+$/.test(t)) return t;
  return 'application/octet-stream';
}

const baseHeaders = {
  'X-Content-Type-Options': 'nosniff',
  // Never a document: opened on its own, it could run nothing and load nothing.
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Cache-Control': 'no-cache',
};

const status = (code: number, text: string, extra: Record<string, string> = {}) =>
  new Response(text, { status: code, headers: { ...baseHeaders, 'Content-Type': 'text/plain', ...extra } });

/** A single `bytes=` range, clamped to the file; 'bad' when it cannot be satisfied; null when absent. */
export function parseRange(
  header: string | null,
  size: number,
): { start: number; end: number } | 'bad' | null {
  if (header === null) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'bad';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'bad';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start >= size || end < start ? 'bad' : { start, end };
}

/**
 * The one answer to the renderer's file URLs, on its own origin: the app's parley://app handler
 * and the end-to-end harness both call this. GET and HEAD only; 404 for anything that is not a
 * known file of the cache (or cannot be had now); `Range` honoured (audio and video seek with it).
 */
export async function fileResponse(
  resolve: ResolveRoute,
  request: { method: string; pathname: string; headers: Headers },
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return status(405, 'Method not allowed');
  const route = parseFileRoute(request.pathname);
  if (!route) return status(404, 'Not found');
  let found: LocalBytes | null;
  try {
    found = await resolve(route);
  } catch {
    return status(502, 'Not available');
  }
  if (!found) return status(404, 'Not found');
  let size: number;
  try {
    size = (await stat(found.path)).size;
  } catch {
    return status(404, 'Not found');
  }
  const headers: Record<string, string> = {
    ...baseHeaders,
    'Content-Type': safeContentType(found.type),
    'Accept-Ranges': 'bytes',
  };
  const range = parseRange(request.headers.get('range'), size);
  if (range === 'bad') return status(416, 'Range not satisfiable', { 'Content-Range': `bytes */${size}` });
  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers['Content-Length'] = String(size === 0 ? 0 : end - start + 1);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  const body =
    request.method === 'HEAD' || size === 0
      ? null
      : (Readable.toWeb(createReadStream(found.path, { start, end })) as ReadableStream<Uint8Array>);
  return new Response(body, { status: range ? 206 : 200, headers });
}
