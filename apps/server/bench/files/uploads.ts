import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Agent, request, type IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** Writes `mib` MiB of random bytes to `path` and flushes them; returns their sha256. */
export async function makeFile(path: string, mib: number): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(path, 'w');
  try {
    const piece = 16 * 1024 * 1024;
    for (let left = mib * 1024 * 1024; left > 0; left -= piece) {
      const bytes = randomBytes(Math.min(piece, left));
      hash.update(bytes);
      await handle.write(bytes);
    }
    // On disk before anything is measured, so its write-back does not compete with the uploads.
    await handle.sync();
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** One HTTP request whose body is a slice of a file (or nothing); resolves with the response, body drained. */
function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: { path: string; start: number; end: number },
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        resolve(res);
      });
    });
    req.on('error', reject);
    if (body) {
      pipeline(
        createReadStream(body.path, { start: body.start, end: body.end, highWaterMark: 1 << 20 }),
        req,
      ).catch(reject);
    } else {
      req.end();
    }
  });
}

/** The bare baseline: the whole file streamed in one PUT. Returns milliseconds to the response. */
export async function rawUpload(url: string, path: string, size: number): Promise<number> {
  const started = performance.now();
  const res = await send(
    `${url}/upload`,
    'PUT',
    { 'content-length': String(size) },
    { path, start: 0, end: size - 1 },
  );
  if (res.statusCode !== 204) throw new Error(`raw upload: HTTP ${res.statusCode}`);
  return performance.now() - started;
}

/**
 * Parley's path, as a desktop client drives it: POST (metadata, checks), then PATCHes of `chunk`
 * bytes in turn; the last one returns after the server verified the sha256 and stored the blob.
 * Returns the upload id and milliseconds from the POST to the last response.
 */
export async function tusUpload(
  url: string,
  token: string,
  file: { path: string; size: number; sha256: string; name: string; type: string },
  conversationId: string,
  chunk: number,
): Promise<{ id: string; ms: number }> {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const common = { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` };
  const started = performance.now();
  const created = await send(`${url}/api/files/uploads`, 'POST', {
    ...common,
    'upload-length': String(file.size),
    'upload-metadata': `conversationId ${b64(conversationId)},name ${b64(file.name)},type ${b64(file.type)},sha256 ${b64(file.sha256)}`,
  });
  const location = created.headers.location;
  if (created.statusCode !== 201 || !location) throw new Error(`tus POST: HTTP ${created.statusCode}`);
  for (let offset = 0; offset < file.size; offset += chunk) {
    const end = Math.min(file.size, offset + chunk) - 1;
    const res = await send(
      new URL(location, url).href,
      'PATCH',
      {
        ...common,
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
        'content-length': String(end - offset + 1),
      },
      { path: file.path, start: offset, end },
    );
    if (res.statusCode !== 204) throw new Error(`tus PATCH at ${offset}: HTTP ${res.statusCode}`);
  }
  return { id: location.split('/').at(-1) ?? '', ms: performance.now() - started };
}

/** Drops a finished upload nobody sent (outside the measured time), so runs do not fill the disk. */
export async function discard(url: string, token: string, id: string): Promise<void> {
  await send(`${url}/api/files/uploads/${id}`, 'DELETE', {
    'tus-resumable': '1.0.0',
    authorization: `Bearer ${token}`,
  });
}

export function closeAgent(): void {
  agent.destroy();
}
