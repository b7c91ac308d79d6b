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
import { commit } from '../../commit.js';
import type { Caller, Context } from '../../context.js';
import { AppError } from '../../errors.js';
import type { RateLimits } from '../../rate-limits.js';
import type { Streams } from '../streams/streams.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { SessionsStore } from './sessions-store.js';
import { AccessTokens } from './tokens.js';
import { toMe, toPublicUser, UsersStore } from './users-store.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** Accounts, sessions and tokens. */
export class AccountsService {
  readonly users: UsersStore;
  private readonly sessions: SessionsStore;
  private readonly tokens: AccessTokens;

  constructor(
    private readonly ctx: Context,
    private readonly streams: Streams,
    private readonly limits: RateLimits,
  ) {
    this.users = new UsersStore(ctx.sql);
    this.sessions = new SessionsStore(ctx.sql);
    const secret = ctx.sql.tx(() => this.sessions.tokenSecret(() => randomBytes(32).toString('base64url')));
    this.tokens = new AccessTokens(secret, ctx.config.accessTokenTtlMs, () => ctx.now());
  }

  async register(body: RegisterBody & { displayName: string }, ip: string): Promise<AuthResult> {
    await this.limits.consume('registerPerIp', ip);
    if (this.users.usernameTaken(body.username)) throw usernameTaken();
    const passwordHash = await hashPassword(body.password, this.ctx.config.passwordHashMemoryKiB);
    const userId = randomUUID();
    const { sessionId, refreshToken } = await commit(this.ctx, () => {
      if (this.users.usernameTaken(body.username)) throw usernameTaken();
      const now = this.ctx.now();
      // The first account on a fresh server runs it.
      const isAdmin = this.users.count() === 0;
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
      if (session?.revoked_at !== null) return { error: 'SESSION_REVOKED' as const };
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
      };
      throw new AppError(outcome.error, messages[outcome.error]);
    }
    const access = await this.tokens.issue({ userId: outcome.userId, sessionId: outcome.sessionId });
    return {
      sessionId: outcome.sessionId as TokenPair['sessionId'],
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: outcome.refreshToken,
    };
  }

  /** Verifies an access token and that its session is still signed in. */
  async authenticate(token: string | undefined): Promise<Caller> {
    if (!token) throw new AppError('UNAUTHENTICATED', 'sign in first');
    const claims = await this.tokens.verify(token);
    const session = this.sessions.byId(claims.sessionId);
    if (session?.user_id !== claims.userId) throw new AppError('TOKEN_INVALID', 'access token is not valid');
    if (session.revoked_at !== null)
      throw new AppError('SESSION_REVOKED', 'this session has been signed out');
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
