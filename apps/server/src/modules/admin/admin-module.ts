import type { AdminSettings, AdminSettingsPatch, CreateInviteBody, Invite } from '@parley/shared';
import type express from 'express';
import type { z } from 'zod';
import { commit } from '../../commit.js';
import type { Caller, Context } from '../../context.js';
import type { HttpKit } from '../../transport/http.js';
import type { AccountsService } from '../accounts/accounts-service.js';
import type { ConversationsStore } from '../conversations/conversations-store.js';
import type { FileMessages } from '../files/file-messages.js';
import type { MessagesStore } from '../messages/messages-store.js';
import type { Streams } from '../streams/streams.js';
import { mountAdminRoutes } from './admin-routes.js';
import { AdminUsers, type UserFacts } from './admin-users.js';
import type { Invites } from './invites.js';
import { Retention } from './retention.js';
import type { ServerSettings } from './server-settings.js';

/** Settings that the `server.updated` push carries. */
const PUBLIC_SETTINGS = new Set<keyof AdminSettings>(['serverName', 'announcement', 'registration']);

/**
 * Administration, assembled: run-time settings, invite codes, accounts, retention, and the routes
 * under /api/admin. Every change an administrator makes is logged (who, what, never a secret).
 */
export class AdminModule {
  readonly users: AdminUsers;
  private readonly retention: Retention;
  /** Told the new name after an administrator renamed the server (the LAN announcement follows it). */
  onServerRenamed: ((name: string) => void) | null = null;

  constructor(
    private readonly ctx: Context,
    readonly settings: ServerSettings,
    readonly invites: Invites,
    deps: {
      accounts: AccountsService;
      facts: UserFacts;
      messages: MessagesStore;
      conversations: ConversationsStore;
      streams: Streams;
      files: FileMessages;
    },
  ) {
    this.users = new AdminUsers(ctx, deps.accounts, deps.facts);
    this.retention = new Retention(ctx, {
      retentionDays: () => settings.retentionDays(),
      messages: deps.messages,
      conversations: deps.conversations,
      streams: deps.streams,
      files: deps.files,
    });
  }

  mount = (app: express.Express, kit: HttpKit): void => {
    mountAdminRoutes(app, kit, this);
  };

  start(): void {
    this.retention.start();
  }

  close(): Promise<void> {
    return this.retention.close();
  }

  async updateSettings(admin: Caller, patch: z.output<typeof AdminSettingsPatch>): Promise<AdminSettings> {
    const changed = await commit(this.ctx, (fx) => {
      const keys = this.settings.apply(patch);
      if (keys.some((k) => PUBLIC_SETTINGS.has(k))) {
        const info = this.settings.info();
        fx.after((hub) => {
          hub.serverUpdated(info);
        });
      }
      return keys;
    });
    if (changed.length > 0) {
      // The announcement is for everyone, but its text stays out of the log like any content.
      this.ctx.log.info('admin action', { action: 'settings.update', adminId: admin.userId, changed });
    }
    // A shorter retention applies now, not at the next sweep.
    if (changed.includes('retentionDays')) void this.retention.run().catch(() => undefined);
    if (changed.includes('serverName')) this.onServerRenamed?.(this.settings.serverName());
    return this.settings.all();
  }

  async createInvite(admin: Caller, body: z.output<typeof CreateInviteBody>): Promise<Invite> {
    const invite = await commit(this.ctx, () => this.invites.create(admin.userId, body));
    this.ctx.log.info('admin action', {
      action: 'invite.create',
      adminId: admin.userId,
      inviteId: invite.id,
      expiresAt: invite.expiresAt,
      maxUses: invite.maxUses,
    });
    return invite;
  }

  async revokeInvite(admin: Caller, inviteId: string): Promise<void> {
    await commit(this.ctx, () => {
      this.invites.revoke(inviteId);
    });
    this.ctx.log.info('admin action', { action: 'invite.revoke', adminId: admin.userId, inviteId });
  }

  async runRetention(admin: Caller): Promise<number> {
    const removed = await this.retention.run();
    this.ctx.log.info('admin action', { action: 'retention.run', adminId: admin.userId, removed });
    return removed;
  }
}
