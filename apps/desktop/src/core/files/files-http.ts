import { type ErrorBody, FileInfo, isErrorCode, Me } from '@parley/shared';
import { z } from 'zod';
import { ApiError } from '../sync/api-client.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import { tlsRefusalIn } from '../tls/tls-refusal.js';

/** Codes of a 401 that a fresh access token cures. */
const STALE_TOKEN = new Set(['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_INVALID']);

/** The error body of a failed response, or null when it is not ours (a proxy's page, nothing). */
export function errorBodyOf(text: string): ErrorBody | null {
  try {
    const error = (JSON.parse(text) as { error?: ErrorBody } | null)?.error;
    return error && isErrorCode(error.code) ? error : null;
  } catch {
    return null;
  }
}

/** A failed response as an ApiError: the server's code when it gave one. */
export async function apiErrorOf(res: Response): Promise<ApiError> {
  const body = errorBodyOf(await res.text().catch(() => ''));
  if (body) return new ApiError(body.code, body.message, body);
  return new ApiError(
    res.status >= 500 ? 'NETWORK' : 'BAD_RESPONSE',
    `the server answered HTTP ${res.status}`,
  );
}

/**
 * The file routes of the server over HTTP, with the sync engine's access token (refreshed once on a
 * 401, through its one-at-a-time refresh). Network failures are ApiError NETWORK; refusals carry the
 * server's code.
 */
export class FilesHttp {
  constructor(private readonly sync: SyncEngine) {}

  get baseUrl(): string {
    const url = this.sync.serverUrl;
    if (!url) throw new ApiError('UNAUTHENTICATED', 'not signed in');
    return url;
  }

  /** The tus creation endpoint. */
  get uploadsEndpoint(): string {
    return `${this.baseUrl}/api/files/uploads`;
  }

  /** A request with the access token; the raw response (any status) or NETWORK. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const url = path.startsWith('http') ? path : this.baseUrl + path;
    const send = async () => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await this.sync.bearer()}`);
      try {
        return await this.sync.tls.fetch(url, { ...init, headers });
      } catch (err) {
        if (init.signal?.aborted) throw init.signal.reason;
        // A refused key waits like a lost link (the sync engine says why and asks the user).
        const refusal = tlsRefusalIn(err);
        throw new ApiError('NETWORK', `cannot reach the server: ${(refusal ?? (err as Error)).message}`);
      }
    };
    const res = await send();
    if (res.status !== 401) return res;
    const text = await res.text().catch(() => '');
    const body = errorBodyOf(text);
    if (!body || !STALE_TOKEN.has(body.code))
      return new Response(text, { status: 401, headers: res.headers });
    await this.sync.tokenRefused();
    return send();
  }

  async info(fileId: string): Promise<FileInfo> {
    const res = await this.fetch(`/api/files/${fileId}/info`, { signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw await apiErrorOf(res);
    const parsed = FileInfo.safeParse(await res.json().catch(() => null));
    if (!parsed.success)
      throw new ApiError('BAD_RESPONSE', 'the server described the file in an unexpected format');
    return parsed.data;
  }

  /** Ends an unfinished upload on the server (tus termination). Best effort: a failure is ignored. */
  async terminate(uploadUrl: string): Promise<void> {
    await this.fetch(uploadUrl, {
      method: 'DELETE',
      headers: { 'tus-resumable': '1.0.0' },
      signal: AbortSignal.timeout(10_000),
    })
      .then((res) => res.body?.cancel())
      .catch(() => undefined);
  }

  /** Sets my avatar (the raw image); answers with my account as it now is. */
  async putMyAvatar(bytes: Buffer, type: string): Promise<Me> {
    const res = await this.fetch('/api/me/avatar', {
      method: 'PUT',
      headers: { 'content-type': type },
      body: new Uint8Array(bytes),
      signal: AbortSignal.timeout(60_000),
    });
    if (!res.ok) throw await apiErrorOf(res);
    const parsed = z.object({ user: Me }).safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new ApiError('BAD_RESPONSE', 'the server answered in an unexpected format');
    return parsed.data.user;
  }

  /** Removes my avatar; answers with my account as it now is. */
  async deleteMyAvatar(): Promise<Me> {
    const res = await this.fetch('/api/me/avatar', { method: 'DELETE', signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw await apiErrorOf(res);
    const parsed = z.object({ user: Me }).safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new ApiError('BAD_RESPONSE', 'the server answered in an unexpected format');
    return parsed.data.user;
  }

  /** Removes a group's avatar; answers with the seq of the change's event when the server gives it. */
  async deleteGroupAvatar(conversationId: string): Promise<number | null> {
    const res = await this.fetch(`/api/conversations/${conversationId}/avatar`, {
      method: 'DELETE',
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) throw await apiErrorOf(res);
    const parsed = z.object({ seq: z.int() }).safeParse(await res.json().catch(() => null));
    return parsed.success ? parsed.data.seq : null;
  }

  /** Sets a group's avatar; answers with the seq of the change's event when the server gives it. */
  async putGroupAvatar(conversationId: string, bytes: Buffer, type: string): Promise<number | null> {
    const res = await this.fetch(`/api/conversations/${conversationId}/avatar`, {
      method: 'PUT',
      headers: { 'content-type': type },
      body: new Uint8Array(bytes),
      signal: AbortSignal.timeout(60_000),
    });
    if (!res.ok) throw await apiErrorOf(res);
    const parsed = z.object({ seq: z.int() }).safeParse(await res.json().catch(() => null));
    return parsed.success ? parsed.data.seq : null;
  }
}
