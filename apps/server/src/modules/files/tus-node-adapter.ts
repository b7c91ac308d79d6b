import type { Server as TusServer } from '@tus/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Chunks of the request body held ahead of the disk before the socket is paused. */
const READ_AHEAD_CHUNKS = 16;

/**
 * The request body as a web stream without copying it. (Node's `Readable.toWeb`, which `tus.handle`
 * uses, copies every chunk into a new Uint8Array: a second copy of each upload, and the garbage
 * collection that goes with it, on the one thread that also serves everyone else.)
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          controller.close();
        });
        req.once('error', (err) => {
          controller.error(err);
        });
      },
      pull() {
        req.resume();
      },
      cancel(reason) {
        req.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: READ_AHEAD_CHUNKS },
  );
}

/**
 * What `tus.handle(req, res)` does, with a body stream that does not copy: the Node request as the
 * web request tus reads (it uses only method, url, headers, body and runtime.node), and tus's web
 * response written back to the Node response.
 */
export async function handleWithTus(
  tus: TusServer,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const request = {
    method: req.method ?? 'GET',
    url: new URL(req.url ?? '/', 'http://localhost').href,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? null : bodyStream(req),
    runtime: { name: 'node', node: { req, res } },
  } as unknown as Request;
  const response = await tus.handleWeb(request);
  const raw: string[] = [];
  response.headers.forEach((value, name) => {
    raw.push(name, value);
  });
  res.writeHead(response.status, raw);
  if (response.body && req.method !== 'HEAD') await pipeline(Readable.fromWeb(response.body as never), res);
  else res.end();
}
