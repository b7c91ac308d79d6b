import type { AdminUser, AdminUserList, PasswordReset } from '@parley/shared';
import { commit } from '../../commit.js';
import type { Caller, Context } from '../../context.js';
import { AppError } from '../../errors.js';
import type { AccountsService } from '../accounts/accounts-service.js';
import { hashPassword } from '../accounts/passwords.js';
import { type StoredUser, toPublicUser } from '../accounts/users-store.js';
import { temporaryPassword } from './temporary-password.js';

/** What the user list needs from other modules: who is connected, and how much each one stores. */
export interface UserFacts {
  isOnline(userId: string): boolean;
  storageBytes(userId: string): number;
}

const notFound = () => new AppError('USER_NOT_FOUND', 'no such user');
const notSelf = (what: string) => new AppError('CANNOT_TARGET_SELF', `you cannot ${what} yourself`);
const lastAdmin = () =>
  new AppError('LAST_ADMIN', 'the server needs at least one administrator whose account is enabled');

/**
 * What administrators do to accounts: list them, disable and enable them (disabling signs every
 * device out at once), reset a password (the user must choose a new one at the next sign-in), and
 * make or unmake administrators, never leaving the server without an enabled one.
 */
export class AdminUsers {
  constructor(
    private readonly ctx: Context,
    private readonly accounts: AccountsService,
    private readonly facts: UserFacts,
  ) {}

  /** The caller, if an administrator whose account is enabled; else NOT_ADMIN. */
  requireAdmin(caller: Caller): void {
    const user = this.accounts.users.byId(caller.userId);
    if (user?.is_admin !== 1 || user.disabled_at !== null)
      throw new AppError('NOT_ADMIN', 'only administrators may do this');
  }

  list(query: { query?: string | undefined; offset?: number | undefined; limit?: number | undefined }) {
    const page = this.accounts.users.page(query.query ?? '', query.offset ?? 0, query.limit ?? 50);
    const list: AdminUserList = { users: page.users.map((u) => this.toAdminUser(u)), total: page.total };
    return list;
  }

  async disable(admin: Caller, userId: string): Promise<AdminUser> {
    if (userId === admin.userId) throw notSelf('disable');
    await commit(this.ctx, (fx) => {
      const user = this.require(userId);
      if (user.is_admin === 1 && user.disabled_at === null && this.accounts.users.activeAdminCount() <= 1)
        throw lastAdmin();
      if (user.disabled_at === null) this.accounts.users.setDisabled(userId, this.ctx.now());
      this.accounts.endSessions(fx, userId, 'account_disabled');
    });
    this.audit(admin, 'user.disable', userId);
    return this.toAdminUser(this.require(userId));
  }

  async enable(admin: Caller, userId: string): Promise<AdminUser> {
    await commit(this.ctx, () => {
      this.require(userId);
      this.accounts.users.setDisabled(userId, null);
    });
    this.audit(admin, 'user.enable', userId);
    return this.toAdminUser(this.require(userId));
  }

  async resetPassword(admin: Caller, userId: string): Promise<PasswordReset> {
    if (userId === admin.userId) throw notSelf('reset the password of');
    this.require(userId);
    const password = temporaryPassword();
    const hash = await hashPassword(password, this.ctx.config.passwordHashMemoryKiB);
    await commit(this.ctx, (fx) => {
      this.require(userId);
      this.accounts.users.setPasswordHash(userId, hash);
      this.accounts.users.setMustChangePassword(userId, true);
      this.accounts.endSessions(fx, userId, 'password_reset');
    });
    // Never the password itself.
    this.audit(admin, 'user.resetPassword', userId);
    return { user: this.toAdminUser(this.require(userId)), temporaryPassword: password };
  }

  async setAdmin(admin: Caller, userId: string, isAdmin: boolean): Promise<AdminUser> {
    await commit(this.ctx, (fx) => {
      const user = this.require(userId);
      if (user.is_admin === (isAdmin ? 1 : 0)) return;
      if (!isAdmin && user.disabled_at === null && this.accounts.users.activeAdminCount() <= 1)
        throw lastAdmin();
      this.accounts.setAdmin(fx, userId, isAdmin);
    });
    this.audit(admin, isAdmin ? 'user.promote' : 'user.demote', userId);
    return this.toAdminUser(this.require(userId));
  }

  private require(userId: string): StoredUser {
    const user = this.accounts.users.byId(userId);
    if (!user) throw notFound();
    return user;
  }

  private audit(admin: Caller, action: string, userId: string): void {
    this.ctx.log.info('admin action', { action, adminId: admin.userId, userId });
  }

  private toAdminUser(row: StoredUser): AdminUser {
    return {
      ...toPublicUser(row),
      isAdmin: row.is_admin === 1,
      disabled: row.disabled_at !== null,
      passwordChangeRequired: row.must_change_password === 1,
      online: this.facts.isOnline(row.id),
      lastSeenAt: row.last_seen_at,
      storageBytes: this.facts.storageBytes(row.id),
    };
  }
}
