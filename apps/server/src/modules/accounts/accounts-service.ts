import type {
  AuthResult,
  ChangePasswordBody,
  LoginBody,
  Me,
  RegisterBody,
  SessionInfo,
  SessionRevokedNotice,
  TokenPair,
} from '@parley/shared';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { commit, type Effects } from '../../commit.js';
import type { Caller, Context } from '../../context.js';
import { AppError } from '../../errors.js';
import type { RateLimits } from '../../rate-limits.js';
import type { Streams } from '../streams/streams.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { SessionsStore } from './sessions-store.js';
import { AccessTokens } from './tokens.js';
import { toMe, toPublicUser, UsersStore } from './users-store.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** Who may create an account besides the first one (modules/admin decides). */
export interface RegistrationGate {
  /**
   * Throws REGISTRATION_CLOSED, INVITE_REQUIRED or INVITE_INVALID when the policy refuses;
   * `spend` (inside the registration's write) uses up one use of the invite code.
   */
  admit(inviteCode: string | undefined, spend: boolean): void;
}

const accountDisabled = () => new AppError('ACCOUNT_DISABLED', 'an administrator disabled this account');

/** Accounts, sessions and tokens. */
export class AccountsService {
  readonly users: UsersStore;
  private readonly sessions: SessionsStore;
  private readonly tokens: AccessTokens;

  constructor(
    private readonly ctx: Context,
    private readonly streams: Streams,
    private readonly limits: RateLimits,
    private readonly registration: RegistrationGate,
  ) {
    this.users = new UsersStore(ctx.sql);
    this.sessions = new SessionsStore(ctx.sql);
    const secret = ctx.sql.tx(() => this.sessions.tokenSecret(() => randomBytes(32).toString('base64url')));
    this.tokens = new AccessTokens(secret, ctx.config.accessTokenTtlMs, () => ctx.now());
  }

  async register(body: RegisterBody & { displayName: string }, ip: string): Promise<AuthResult> {
    await this.limits.consume('registerPerIp', ip);
    if (this.users.usernameTaken(body.username)) throw usernameTaken();
    // Refused before the costly hash; checked again (and the invite spent) in the write.
    if (this.users.count() > 0) this.registration.admit(body.inviteCode, false);
    const passwordHash = await hashPassword(body.password, this.ctx.config.passwordHashMemoryKiB);
    const userId = randomUUID();
    const { sessionId, refreshToken } = await commit(this.ctx, () => {
      if (this.users.usernameTaken(body.username)) throw usernameTaken();
      const now = this.ctx.now();
      // The first account on a fresh server runs it.
      const isAdmin = this.users.count() === 0;
      if (!isAdmin) this.registration.admit(body.inviteCode, true);
      this.users.insert({
        id: userId,
        username: body.username,
        displayName: body.displayName,
        passwordHash,
        isAdmin,
        now,
      });
      return this.openSession(userId, body.deviceName);
    });
    return this.authResult(userId, sessionId, refreshToken);
  }

  async login(body: LoginBody, ip: string): Promise<AuthResult> {
    await this.limits.consume('loginPerIp', ip);
    await this.limits.consume('loginPerAccount', body.username.toLowerCase());
    const user = this.users.byUsername(body.username);
    const ok = await verifyPassword(
      user?.password_hash ?? (await dummyHash(this.ctx.config.passwordHashMemoryKiB)),
      body.password,
    );
    if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', 'wrong username or password');
    // Said only to whoever knows the password.
    if (user.disabled_at !== null) throw accountDisabled();
    const { sessionId, refreshToken } = await commit(this.ctx, () =>
      this.openSession(user.id, body.deviceName),
    );
    return this.authResult(user.id, sessionId, refreshToken);
  }

  async refresh(refreshToken: string, ip: string): Promise<TokenPair> {
    await this.limits.consume('refreshPerIp', ip);
    const hash = sha256(refreshToken);
    const outcome = await commit(this.ctx, (fx) => {
      const now = this.ctx.now();
      const stored = this.sessions.refreshToken(hash);
      if (!stored) return { error: 'REFRESH_TOKEN_INVALID' as const };
      const session = this.sessions.byId(stored.session_id);
      if (session && this.isDisabled(session.user_id)) return { error: 'ACCOUNT_DISABLED' as const };
      if (session?.revoked_at !== null)
        return { error: 'SESSION_REVOKED' as const, revokeReason: session?.revoke_reason ?? undefined };
      if (stored.used_at !== null) {
        // A rotated token came back: someone holds a copy. End the session for everyone.
        this.sessions.revoke(session.id, 'refresh_reused', now);
        fx.after((hub) => {
          hub.revokeSession(session.id, { reason: 'refresh_reused', at: now });
        });
        return { error: 'REFRESH_TOKEN_REUSED' as const };
      }
      if (stored.created_at + this.ctx.config.refreshTokenTtlMs < now)
        return { error: 'REFRESH_TOKEN_INVALID' as const };
      this.sessions.markRefreshTokenUsed(hash, now);
      this.sessions.touch(session.id, now);
      const next = randomBytes(32).toString('base64url');
      this.sessions.insertRefreshToken(sha256(next), session.id, now);
      return { error: undefined, userId: session.user_id, sessionId: session.id, refreshToken: next };
    });
    if (outcome.error !== undefined) {
      const messages = {
        REFRESH_TOKEN_INVALID: 'refresh token is not valid',
        SESSION_REVOKED: 'this session has been signed out',
        REFRESH_TOKEN_REUSED: 'refresh token was already used; the session has been signed out',
        ACCOUNT_DISABLED: 'an administrator disabled this account',
      };
      throw new AppError(
        outcome.error,
        messages[outcome.error],
        'revokeReason' in outcome && outcome.revokeReason !== undefined
          ? { revokeReason: outcome.revokeReason }
          : {},
      );
    }
    const access = await this.tokens.issue({ userId: outcome.userId, sessionId: outcome.sessionId });
    return {
      sessionId: outcome.sessionId as TokenPair['sessionId'],
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: outcome.refreshToken,
    };
  }

  /**
   * Verifies an access token, that its session is still signed in and that its account is not
   * disabled. After a password reset only `passwordChange` requests (change it, log out) pass.
   */
  async authenticate(token: string | undefined, options: { passwordChange?: boolean } = {}): Promise<Caller> {
    if (!token) throw new AppError('UNAUTHENTICATED', 'sign in first');
    const claims = await this.tokens.verify(token);
    const session = this.sessions.byId(claims.sessionId);
    if (session?.user_id !== claims.userId) throw new AppError('TOKEN_INVALID', 'access token is not valid');
    const user = this.users.byId(claims.userId);
    if (!user) throw new AppError('TOKEN_INVALID', 'access token is not valid');
    if (user.disabled_at !== null) throw accountDisabled();
    if (session.revoked_at !== null) {
      throw new AppError(
        'SESSION_REVOKED',
        'this session has been signed out',
        session.revoke_reason === null ? {} : { revokeReason: session.revoke_reason },
      );
    }
    if (user.must_change_password === 1 && !options.passwordChange)
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'choose a new password first');
    return claims;
  }

  async logout(caller: Caller): Promise<void> {
    await this.revoke(caller.sessionId, 'logged_out');
  }

  async changePassword(caller: Caller, body: ChangePasswordBody): Promise<void> {
    const user = this.users.byId(caller.userId);
    if (!user) throw new AppError('USER_NOT_FOUND', 'account not found');
    if (!(await verifyPassword(user.password_hash, body.currentPassword))) {
      throw new AppError('WRONG_PASSWORD', 'current password is wrong');
    }
    const hash = await hashPassword(body.newPassword, this.ctx.config.passwordHashMemoryKiB);
    await commit(this.ctx, (fx) => {
      const now = this.ctx.now();
      this.users.setPasswordHash(caller.userId, hash);
      this.users.setMustChangePassword(caller.userId, false);
      for (const s of this.sessions.activeOfUser(caller.userId)) {
        if (s.id === caller.sessionId) continue;
        this.sessions.revoke(s.id, 'password_changed', now);
        fx.after((hub) => {
          hub.revokeSession(s.id, { reason: 'password_changed', at: now });
        });
      }
    });
  }

  listSessions(caller: Caller): SessionInfo[] {
    return this.sessions.activeOfUser(caller.userId).map((s) => ({
      id: s.id as SessionInfo['id'],
      deviceName: s.device_name,
      createdAt: s.created_at,
      lastUsedAt: s.last_used_at,
      current: s.id === caller.sessionId,
    }));
  }

  async revokeSession(caller: Caller, sessionId: string): Promise<void> {
    const session = this.sessions.byId(sessionId);
    if (session?.user_id !== caller.userId || session.revoked_at !== null) {
      throw new AppError('SESSION_NOT_FOUND', 'no such session');
    }
    await this.revoke(sessionId, 'revoked');
  }

  me(userId: string): Me {
    const user = this.users.byId(userId);
    if (!user) throw new AppError('USER_NOT_FOUND', 'account not found');
    return toMe(user);
  }

  async updateProfile(
    caller: Caller,
    patch: { displayName?: string | undefined; bio?: string | undefined },
  ): Promise<Me> {
    return commit(this.ctx, (fx) => {
      this.users.updateProfile(caller.userId, patch);
      const me = this.me(caller.userId);
      this.streams.appendUser(fx, caller.userId, 'profile.updated', { user: me });
      return me;
    });
  }

  /**
   * Points the user at a new avatar file (or none), inside the caller's write, and records
   * profile.updated. Returns the profile and the avatar it replaced.
   */
  setAvatar(fx: Effects, userId: string, fileId: string | null): { me: Me; previous: string | null } {
    const previous = this.users.byId(userId)?.avatar_file_id ?? null;
    this.users.setAvatar(userId, fileId);
    const me = this.me(userId);
    this.streams.appendUser(fx, userId, 'profile.updated', { user: me });
    return { me, previous };
  }

  /** Makes the user an administrator or not (call inside a write); their devices get profile.updated. */
  setAdmin(fx: Effects, userId: string, isAdmin: boolean): void {
    this.users.setAdmin(userId, isAdmin);
    this.streams.appendUser(fx, userId, 'profile.updated', { user: this.me(userId) });
  }

  /** Signs every session of the user out (call inside a write): their sockets hear why and drop at once. */
  endSessions(fx: Effects, userId: string, reason: SessionRevokedNotice['reason']): void {
    const now = this.ctx.now();
    for (const s of this.sessions.activeOfUser(userId)) {
      this.sessions.revoke(s.id, reason, now);
      fx.after((hub) => {
        hub.revokeSession(s.id, { reason, at: now });
      });
    }
  }

  isDisabled(userId: string): boolean {
    return (this.users.byId(userId)?.disabled_at ?? null) !== null;
  }

  publicUsers(ids: readonly string[]) {
    return this.users.byIds(ids).map(toPublicUser);
  }

  private async revoke(sessionId: string, reason: SessionRevokedNotice['reason']): Promise<void> {
    await commit(this.ctx, (fx) => {
      const now = this.ctx.now();
      if (this.sessions.revoke(sessionId, reason, now)) {
        fx.after((hub) => {
          hub.revokeSession(sessionId, { reason, at: now });
        });
      }
    });
  }

  private openSession(
    userId: string,
    deviceName: string | undefined,
  ): { sessionId: string; refreshToken: string } {
    const now = this.ctx.now();
    const sessionId = randomUUID();
    this.sessions.insert({ id: sessionId, userId, deviceName: deviceName ?? 'Unknown device', now });
    const refreshToken = randomBytes(32).toString('base64url');
    this.sessions.insertRefreshToken(sha256(refreshToken), sessionId, now);
    return { sessionId, refreshToken };
  }

  private async authResult(userId: string, sessionId: string, refreshToken: string): Promise<AuthResult> {
    const access = await this.tokens.issue({ userId, sessionId });
    return {
      user: this.me(userId),
      passwordChangeRequired: this.users.byId(userId)?.must_change_password === 1,
      sessionId: sessionId as AuthResult['sessionId'],
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
    };
  }
}

function usernameTaken(): AppError {
  return new AppError('USERNAME_TAKEN', 'that username is taken');
}
