import type { AdminSettings, AdminUser, ErrorBody, Invite } from '@parley/shared';
import { http, type TestClient } from './client.js';

export interface Answer<T> {
  status: number;
  body: T;
}

/** An administrator's calls to /api/admin, with their token; the answer whatever its status. */
export class AdminApi {
  constructor(private readonly admin: TestClient) {}

  call<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    return http<T>(this.admin.url, path, {
      method,
      token: this.admin.auth.accessToken,
      ...(body === undefined ? {} : { body }),
    });
  }

  /** The data of a call that must succeed (a 2xx), else the test fails with the answer. */
  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.call<T>(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async settings(patch?: Partial<AdminSettings>): Promise<AdminSettings> {
    const res = patch
      ? await this.ok<{ settings: AdminSettings }>('PATCH', '/api/admin/settings', patch)
      : await this.ok<{ settings: AdminSettings }>('GET', '/api/admin/settings');
    return res.settings;
  }

  async invite(body: { expiresInHours?: number | null; maxUses?: number | null } = {}): Promise<Invite> {
    return (await this.ok<{ invite: Invite }>('POST', '/api/admin/invites', body)).invite;
  }

  async user(userId: string, action: 'disable' | 'enable'): Promise<AdminUser> {
    return (await this.ok<{ user: AdminUser }>('POST', `/api/admin/users/${userId}/${action}`)).user;
  }
}

/** The error code of an HTTP answer (undefined when it has none). */
export const codeOf = (res: Answer<unknown>): string | undefined =>
  (res.body as { error?: ErrorBody } | undefined)?.error?.code;
