import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../../errors.js';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/** Tokens verified lately, remembered so a client's run of requests is not verified each time. */
const VERIFIED_MAX = 10_000;

/** Short-lived access tokens: HS256 JWTs signed with the server's own secret. */
export class AccessTokens {
  private readonly key: Uint8Array;
  /**
   * Token → its claims and expiry (ms), for tokens whose signature checked out. Keyed by the whole
   * token, signature included, so only a token verified before is taken on trust; expiry is still
   * checked at every use. (jose verifies through WebCrypto, asynchronously, on the thread pool the
   * file writes use: a loaded upload made every request of it wait a millisecond for that.)
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAt: number }>();

  constructor(
    secret: string,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {
    this.key = Buffer.from(secret, 'base64url');
  }

  async issue(claims: AccessClaims): Promise<{ token: string; expiresAt: number }> {
    const issuedAt = this.now();
    const expiresAt = issuedAt + this.ttlMs;
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuedAt(Math.floor(issuedAt / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .setAudience('parley')
      .sign(this.key);
    return { token, expiresAt: Math.floor(expiresAt / 1000) * 1000 };
  }

  async verify(token: string): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known) {
      // jose's rule: expired once the clock reaches exp (whole seconds).
      if (this.now() < known.expiresAt) return known.claims;
      this.verified.delete(token);
      throw new AppError('TOKEN_EXPIRED', 'access token has expired');
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        audience: 'parley',
        currentDate: new Date(this.now()),
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        throw new AppError('TOKEN_INVALID', 'access token is malformed');
      }
      const claims = { userId: payload.sub, sessionId: payload.sid };
      if (typeof payload.exp === 'number') this.remember(token, claims, payload.exp * 1000);
      return claims;
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof errors.JWTExpired) throw new AppError('TOKEN_EXPIRED', 'access token has expired');
      throw new AppError('TOKEN_INVALID', 'access token is not valid');
    }
  }

  private remember(token: string, claims: AccessClaims, expiresAt: number): void {
    if (this.verified.size >= VERIFIED_MAX) {
      // The oldest first (a Map keeps insertion order).
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, { claims, expiresAt });
  }
}
