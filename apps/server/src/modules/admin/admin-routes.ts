import {
  AdminSettingsPatch,
  AdminUsersQueryString,
  CreateInviteBody,
  InviteId,
  parseWith,
  SetAdminBody,
  UserId,
} from '@parley/shared';
import type express from 'express';
import type { Request } from 'express';
import type { Caller } from '../../context.js';
import { AppError } from '../../errors.js';
import { type HttpKit, parseBody } from '../../transport/http.js';
import type { AdminModule } from './admin-module.js';

/** The id in a path; one that is not an id is answered like an unknown one. */
function idIn(schema: typeof UserId | typeof InviteId, raw: unknown, notFound: () => AppError): string {
  const parsed = parseWith(schema, raw);
  if (!parsed.ok) throw notFound();
  return parsed.value;
}
const userIdIn = (req: Request) =>
  idIn(UserId, req.params.id, () => new AppError('USER_NOT_FOUND', 'no such user'));
const inviteIdIn = (req: Request) =>
  idIn(InviteId, req.params.id, () => new AppError('INVITE_NOT_FOUND', 'no such invite'));

/** `GET /api/server` for everyone, and the administrators' routes under /api/admin. */
export function mountAdminRoutes(app: express.Express, kit: HttpKit, admin: AdminModule): void {
  const { route, authed } = kit;
  const asAdmin = async (req: Request): Promise<Caller> => {
    const caller = await authed(req);
    admin.users.requireAdmin(caller);
    return caller;
  };

  app.get(
    '/api/server',
    route((_req, res) => {
      res.json(admin.settings.info());
    }),
  );

  app.get(
    '/api/admin/settings',
    route(async (req, res) => {
      await asAdmin(req);
      res.json({ settings: admin.settings.all() });
    }),
  );
  app.patch(
    '/api/admin/settings',
    route(async (req, res) => {
      const caller = await asAdmin(req);
      res.json({ settings: await admin.updateSettings(caller, parseBody(AdminSettingsPatch, req)) });
    }),
  );

  app.get(
    '/api/admin/invites',
    route(async (req, res) => {
      await asAdmin(req);
      res.json({ invites: admin.invites.list() });
    }),
  );
  app.post(
    '/api/admin/invites',
    route(async (req, res) => {
      const caller = await asAdmin(req);
      res.status(201).json({ invite: await admin.createInvite(caller, parseBody(CreateInviteBody, req)) });
    }),
  );
  app.delete(
    '/api/admin/invites/:id',
    route(async (req, res) => {
      const caller = await asAdmin(req);
      await admin.revokeInvite(caller, inviteIdIn(req));
      res.status(204).end();
    }),
  );

  app.get(
    '/api/admin/users',
    route(async (req, res) => {
      await asAdmin(req);
      const query = parseWith(AdminUsersQueryString, req.query);
      if (!query.ok) {
        throw new AppError('VALIDATION_FAILED', query.error.message, { issues: query.error.issues ?? [] });
      }
      res.json(admin.users.list(query.value));
    }),
  );
  app.post(
    '/api/admin/users/:id/disable',
    route(async (req, res) => {
      const caller = await asAdmin(req);
      res.json({ user: await admin.users.disable(caller, userIdIn(req)) });
    }),
  );
  app.post(
    '/api/admin/users/:id/enable',
    route(async (req, res) => {
      const caller = await asAdmin(req);
      res.json({ user: await admin.users.enable(caller, userIdIn(req)) });
    }),
  );
  app.post(
    '/api/admin/users/:id/reset-password',
    route(async (req, res) => {
      const caller = await asAdmin(req);
      res.json(await admin.users.resetPassword(caller, userIdIn(req)));
    }),
  );
  app.put(
    '/api/admin/users/:id/admin',
    route(async (req, res) => {
      const caller = await asAdmin(req);
      const { isAdmin } = parseBody(SetAdminBody, req);
      res.json({ user: await admin.users.setAdmin(caller, userIdIn(req), isAdmin) });
    }),
  );

  app.post(
    '/api/admin/retention/run',
    route(async (req, res) => {
      const caller = await asAdmin(req);
      res.json({ expiredMessages: await admin.runRetention(caller) });
    }),
  );
}
