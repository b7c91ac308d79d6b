import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../../errors.js';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/** Short-lived access tokens: HS256 JWTs signed with the server's own secret. */
export class AccessTokens {
  private readonly key: Uint8Array;

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
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        audience: 'parley',
        currentDate: new Date(this.now()),
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        throw new AppError('TOKEN_INVALID', 'access token is malformed');
      }
      return { userId: payload.sub, sessionId: payload.sid };
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof errors.JWTExpired) throw new AppError('TOKEN_EXPIRED', 'access token has expired');
      throw new AppError('TOKEN_INVALID', 'access token is not valid');
    }
  }
}
