import {
  AuthResult,
  type ChangePasswordBody,
  type ErrorBody,
  Health,
  isErrorCode,
  type LoginBody,
  type RegisterBody,
  ServerInfo,
  SessionList,
  TokenPair,
} from '@parley/shared';
import type { z } from 'zod';
import type { Fetch } from '../tls/tls-policy.js';
import { tlsRefusalIn } from '../tls/tls-refusal.js';

/** A refusal from the server, or NETWORK when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorBody['code'] | 'NETWORK' | 'BAD_RESPONSE',
    message: string,
    readonly body?: ErrorBody,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The REST half of the protocol: health, accounts and administration. Everything else goes over the
 * socket. `fetch` is the TLS policy's (pins); the default, Node's own, trusts only CAs. A server
 * whose key the policy refuses throws the TlsRefusal itself, not an ApiError: no session ends over it.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
    private readonly fetch: Fetch = globalThis.fetch,
  ) {}

  health(): Promise<Health> {
    return this.request('GET', '/api/health', undefined, undefined, Health);
  }

  /** The server's name, announcement and registration policy (no sign-in needed). */
  serverInfo(): Promise<ServerInfo> {
    return this.request('GET', '/api/server', undefined, undefined, ServerInfo);
  }

  register(body: RegisterBody): Promise<AuthResult> {
    return this.request('POST', '/api/auth/register', body, undefined, AuthResult);
  }

  login(body: LoginBody): Promise<AuthResult> {
    return this.request('POST', '/api/auth/login', body, undefined, AuthResult);
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.request('POST', '/api/auth/refresh', { refreshToken }, undefined, TokenPair);
  }

  async logout(accessToken: string): Promise<void> {
    await this.request('POST', '/api/auth/logout', undefined, accessToken);
  }

  async changePassword(accessToken: string, body: ChangePasswordBody): Promise<void> {
    await this.request('POST', '/api/auth/password', body, accessToken);
  }

  sessions(accessToken: string): Promise<SessionList> {
    return this.request('GET', '/api/sessions', undefined, accessToken, SessionList);
  }

  async revokeSession(accessToken: string, sessionId: string): Promise<void> {
    await this.request('DELETE', `/api/sessions/${encodeURIComponent(sessionId)}`, undefined, accessToken);
  }

  /** Any route: its refusal as an ApiError with the server's code; the answer parsed by `schema`, if given. */
  async request<T = undefined>(
    method: string,
    path: string,
    body: unknown,
    token: string | undefined,
    schema?: z.ZodType<T>,
  ): Promise<T> {
    let res: Response;
    try {
      res = await this.fetch(this.baseUrl + path, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const refusal = tlsRefusalIn(err);
      if (refusal) throw refusal;
      throw new ApiError('NETWORK', `cannot reach ${this.baseUrl}: ${(err as Error).message}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiError('BAD_RESPONSE', `${this.baseUrl} is not a Parley server (HTTP ${res.status})`);
    }
    if (!res.ok) {
      const error = (json as { error?: ErrorBody } | undefined)?.error;
      if (error && isErrorCode(error.code)) throw new ApiError(error.code, error.message, error);
      throw new ApiError('BAD_RESPONSE', `${this.baseUrl} is not a Parley server (HTTP ${res.status})`);
    }
    if (!schema) return undefined as T;
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new ApiError('BAD_RESPONSE', `${this.baseUrl} answered in an unexpected format`);
    return parsed.data;
  }
}
