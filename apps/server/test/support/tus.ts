import type { ErrorBody } from '@parley/shared';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request, type RawResponse } from './http.js';

export const UPLOADS = '/api/files/uploads';
const TUS = { 'tus-resumable': '1.0.0' };

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** tus Upload-Metadata: `key base64(value)` pairs, comma separated. */
export function uploadMetadata(meta: Record<string, string>): string {
  return Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v, 'utf8').toString('base64')}`)
    .join(',');
}

export type FileMeta = {
  conversationId: string;
  name: string;
  type: string;
  sha256: string;
};

/** The metadata of `bytes` as a client would declare it. */
export const metaFor = (
  conversationId: string,
  bytes: Uint8Array,
  name = 'file.bin',
  type = 'application/octet-stream',
): FileMeta => ({
  conversationId,
  name,
  type,
  sha256: sha256Hex(bytes),
});

/** A minimal tus 1.0.0 client over fetch, for one signed-in user. */
export class TusClient {
  constructor(
    readonly url: string,
    public token: string,
  ) {}

  /** POST: creates an upload; `id` is the last segment of Location when it worked. */
  async create(
    size: number | string,
    meta: Record<string, string> | string,
    headers: Record<string, string> = {},
  ): Promise<RawResponse & { id: string | undefined }> {
    const res = await request(this.url, UPLOADS, {
      method: 'POST',
      token: this.token,
      headers: {
        ...TUS,
        'upload-length': String(size),
        'upload-metadata': typeof meta === 'string' ? meta : uploadMetadata(meta),
        ...headers,
      },
    });
    const location = res.headers.get('location');
    return { ...res, id: res.status === 201 && location ? location.split('/').at(-1) : undefined };
  }

  head(id: string): Promise<RawResponse> {
    return request(this.url, `${UPLOADS}/${id}`, { method: 'HEAD', token: this.token, headers: TUS });
  }

  /** The server's offset, or throws with the status. */
  async offset(id: string): Promise<number> {
    const res = await this.head(id);
    if (res.status !== 200) throw new Error(`HEAD ${id}: ${res.status}`);
    return Number(res.headers.get('upload-offset'));
  }

  patch(id: string, offset: number, bytes: Uint8Array): Promise<RawResponse> {
    return request(this.url, `${UPLOADS}/${id}`, {
      method: 'PATCH',
      token: this.token,
      headers: { ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
      body: bytes,
    });
  }

  delete(id: string): Promise<RawResponse> {
    return request(this.url, `${UPLOADS}/${id}`, { method: 'DELETE', token: this.token, headers: TUS });
  }

  /** Sends `bytes` from `from` on in `chunk`-sized PATCHes; returns the last response. */
  async send(id: string, bytes: Uint8Array, chunk = 1 << 20, from = 0): Promise<RawResponse> {
    let offset = from;
    let last: RawResponse | undefined;
    do {
      const part = bytes.subarray(offset, Math.min(bytes.length, offset + chunk));
      last = await this.patch(id, offset, part);
      if (last.status !== 204) return last;
      offset = Number(last.headers.get('upload-offset'));
    } while (offset < bytes.length);
    return last;
  }

  /** Creates and sends a whole file; returns its id (the FileId), or throws with the refusal. */
  async upload(
    conversationId: string,
    bytes: Uint8Array,
    name = 'file.bin',
    type = 'application/octet-stream',
  ): Promise<string> {
    const created = await this.create(bytes.length, { ...metaFor(conversationId, bytes, name, type) });
    if (!created.id) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    const last = bytes.length === 0 ? undefined : await this.send(created.id, bytes);
    if (last && last.status !== 204) throw new Error(`patch: ${last.status} ${JSON.stringify(last.body)}`);
    return created.id;
  }

  /**
   * A PATCH whose body is written by hand and can be cut off half-way, as a dropped connection would:
   * declares `length` bytes, sends what `write` is given, and `cut()` destroys the socket.
   */
  openPatch(id: string, offset: number, length: number) {
    const target = new URL(`${UPLOADS}/${id}`, this.url);
    const req = httpRequest(target, {
      method: 'PATCH',
      headers: {
        ...TUS,
        authorization: `Bearer ${this.token}`,
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
        'content-length': String(length),
      },
    });
    const ended = new Promise<void>((resolve) => {
      req.on('error', () => {
        resolve();
      });
      req.on('close', () => {
        resolve();
      });
      req.on('response', (res) => {
        res.resume();
      });
    });
    return {
      write: (bytes: Uint8Array) => new Promise<void>((resolve) => req.write(bytes, () => resolve())),
      cut: async () => {
        req.destroy();
        await ended;
      },
    };
  }
}

/** The error body of a refused upload request. */
export const tusError = (res: RawResponse): ErrorBody | undefined =>
  (res.body as { error?: ErrorBody } | undefined)?.error;
