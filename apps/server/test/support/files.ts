import type { FileInfo, SendContent } from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestClient } from './client.js';

/** How many blob files the server holds (files/blobs/ab/cd/<sha256>). */
export function blobCount(dataDir: string): number {
  const root = join(dataDir, 'files', 'blobs');
  if (!existsSync(root)) return 0;
  return readdirSync(root, { recursive: true }).filter((p) => statSync(join(root, String(p))).isFile())
    .length;
}

export const partialPath = (dataDir: string, uploadId: string): string =>
  join(dataDir, 'files', 'uploads', uploadId);

/** Bytes of a file on disk, or -1 when there is none. */
export function sizeOnDisk(path: string): number {
  return existsSync(path) ? statSync(path).size : -1;
}

export interface BytesResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** A GET (or any method) whose body is kept as bytes. */
export async function fetchBytes(
  url: string,
  path: string,
  token: string | undefined,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<BytesResponse> {
  const res = await fetch(url + path, {
    method,
    headers: { ...headers, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The JSON body of a BytesResponse. */
export const jsonOf = <T = unknown>(res: BytesResponse): T => JSON.parse(res.bytes.toString('utf8')) as T;

/** Sends a file message (any SendContent but text) with a fresh clientMsgId. */
export function sendFile(
  client: TestClient,
  conversationId: string,
  content: Exclude<SendContent, { kind: 'text' }>,
) {
  return client.rpc('messages.send', { conversationId, clientMsgId: randomUUID(), content });
}

/** The FileInfo of a file, as the caller may see it. */
export async function fileInfo(
  client: TestClient,
  fileId: string,
): Promise<{ status: number; info: FileInfo }> {
  const res = await fetchBytes(client.url, `/api/files/${fileId}/info`, client.auth.accessToken);
  return { status: res.status, info: jsonOf<FileInfo>(res) };
}
