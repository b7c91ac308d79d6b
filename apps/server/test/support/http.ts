import type { ErrorBody } from '@parley/shared';

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, else the text (undefined when empty). */
  body: unknown;
}

/** Any HTTP request, with full control of headers and body bytes. */
export async function request(
  url: string,
  path: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Uint8Array;
    token?: string;
  } = {},
): Promise<RawResponse> {
  const headers = { ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url + path, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.body ?? null,
  });
  const text = await res.text();
  let body: unknown = text === '' ? undefined : text;
  if (text !== '' && res.headers.get('content-type')?.startsWith('application/json')) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, body };
}

/** A JSON POST of any text. */
export function postJson(url: string, path: string, body: string, token?: string): Promise<RawResponse> {
  return request(url, path, {
    body,
    headers: { 'content-type': 'application/json' },
    ...(token !== undefined ? { token } : {}),
  });
}

/** The error body of a refused request (undefined when there is none). */
export function errorOf(res: RawResponse): ErrorBody | undefined {
  return (res.body as { error?: ErrorBody } | undefined)?.error;
}
