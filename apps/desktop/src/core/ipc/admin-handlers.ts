import { AdminSettings, AdminUser, AdminUserList, Invite, PasswordReset, RetentionRun } from '@parley/shared';
import { z } from 'zod';
import type { HandlersOf, IpcHandlerDeps } from './deps.js';

const settingsAnswer = z.object({ settings: AdminSettings });
const userAnswer = z.object({ user: AdminUser });

/**
 * The administrators' channels: each one is its REST route under /api/admin, called with the
 * current token (refreshed when it expired). The server decides who may: others get NOT_ADMIN.
 */
export function adminHandlers({ core }: IpcHandlerDeps): HandlersOf<'admin'> & HandlersOf<'server'> {
  const rest = <T>(method: string, path: string, schema?: z.ZodType<T>, body?: unknown): Promise<T> =>
    core.sync.withToken((api, token) => api.request(method, path, body, token, schema));
  const user = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;

  return {
    'admin.getSettings': () => rest('GET', '/api/admin/settings', settingsAnswer),
    'admin.updateSettings': (patch) => rest('PATCH', '/api/admin/settings', settingsAnswer, patch),
    'admin.listInvites': () => rest('GET', '/api/admin/invites', z.object({ invites: z.array(Invite) })),
    'admin.createInvite': (body) => rest('POST', '/api/admin/invites', z.object({ invite: Invite }), body),
    'admin.revokeInvite': async ({ inviteId }) => {
      await rest('DELETE', `/api/admin/invites/${encodeURIComponent(inviteId)}`);
      return {};
    },
    'admin.listUsers': (query) => {
      const params = new URLSearchParams();
      if (query.query) params.set('query', query.query);
      if (query.offset !== undefined) params.set('offset', String(query.offset));
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      const search = params.size > 0 ? `?${params.toString()}` : '';
      return rest('GET', `/api/admin/users${search}`, AdminUserList);
    },
    'admin.disableUser': ({ userId }) => rest('POST', `${user(userId)}/disable`, userAnswer),
    'admin.enableUser': ({ userId }) => rest('POST', `${user(userId)}/enable`, userAnswer),
    'admin.resetPassword': ({ userId }) => rest('POST', `${user(userId)}/reset-password`, PasswordReset),
    'admin.setAdmin': ({ userId, isAdmin }) => rest('PUT', `${user(userId)}/admin`, userAnswer, { isAdmin }),
    'admin.runRetention': () => rest('POST', '/api/admin/retention/run', RetentionRun),
    'server.info': () => ({ info: core.sync.serverInfo }),
  };
}
