import type { CreateInviteBody, Invite } from '@parley/shared';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Context } from '../../context.js';
import { AppError } from '../../errors.js';
import type { RegistrationGate } from '../accounts/accounts-service.js';
import { newInviteCode, normaliseInviteCode } from './invite-code.js';
import { type InviteRow, InvitesStore } from './invites-store.js';
import type { ServerSettings } from './server-settings.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Invite codes, and who may register: the registration policy decides, and under `invite` a
 * usable code is spent by the registration that commits.
 */
export class Invites implements RegistrationGate {
  readonly store: InvitesStore;

  constructor(
    private readonly ctx: Context,
    private readonly settings: ServerSettings,
  ) {
    this.store = new InvitesStore(ctx.sql);
  }

  /** Call inside a write. */
  create(createdBy: string, body: z.output<typeof CreateInviteBody>): Invite {
    const now = this.ctx.now();
    const row: InviteRow = {
      id: randomUUID(),
      code: newInviteCode(),
      created_by: createdBy,
      created_at: now,
      expires_at: body.expiresInHours ? now + body.expiresInHours * HOUR_MS : null,
      max_uses: body.maxUses ?? null,
      uses: 0,
      revoked_at: null,
    };
    this.store.insert(row);
    return this.toInvite(row);
  }

  list(): Invite[] {
    return this.store.listActive().map((row) => this.toInvite(row));
  }

  /** Call inside a write. */
  revoke(id: string): void {
    if (!this.store.revoke(id, this.ctx.now())) throw new AppError('INVITE_NOT_FOUND', 'no such invite');
  }

  admit(inviteCode: string | undefined, spend: boolean): void {
    switch (this.settings.registration()) {
      case 'open':
        return;
      case 'closed':
        throw new AppError('REGISTRATION_CLOSED', 'this server does not take new accounts');
      case 'invite': {
        if (inviteCode === undefined)
          throw new AppError('INVITE_REQUIRED', 'this server needs an invite code to create an account');
        const code = normaliseInviteCode(inviteCode);
        const usable = spend ? this.store.use(code, this.ctx.now()) : this.usable(this.store.byCode(code));
        if (!usable) throw new AppError('INVITE_INVALID', 'that invite code is not valid (any more)');
      }
    }
  }

  private usable(row: InviteRow | undefined): boolean {
    if (row?.revoked_at !== null) return false;
    if (row.expires_at !== null && row.expires_at <= this.ctx.now()) return false;
    return row.max_uses === null || row.uses < row.max_uses;
  }

  private toInvite(row: InviteRow): Invite {
    return {
      id: row.id as Invite['id'],
      code: row.code,
      createdBy: row.created_by as Invite['createdBy'],
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      maxUses: row.max_uses,
      uses: row.uses,
      usable: this.usable(row),
    };
  }
}
