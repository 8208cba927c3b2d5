import { ROLES, Role } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@bro/platform';
import { webcrypto } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, JWTPayload, jwtVerify, SignJWT } from 'jose';

export interface TokenClaims {
  sub: string;
  role: Role;
  municipality: string;
}

export class InvalidTokenError extends Error {}

const DEV_ISSUER = 'bro-dev';
const DEV_AUDIENCE = 'bro';
const DEV_TOKEN_TTL = '8h';

/**
 * A token's expiry is real time, as the issuer and jose count it — not the application's
 * Clock, which tests move by weeks while their users stay signed in.
 */
// eslint-disable-next-line no-restricted-syntax -- see above
const wallClock = () => Date.now();

/**
 * Verifies bearer tokens, and in dev mode mints them.
 * - oidc: signature from the issuer's JWKS, algorithms from an allow-list (never
 *   `none`, never HMAC), `iss`, `aud` and `exp` required and checked.
 * - dev: HS256 with DEV_JWT_SECRET, issuer `bro-dev`, audience `bro`.
 */
@Injectable()
export class TokenService {
  /** Imported once: jose imports raw key bytes anew on every verification (seen in the intake profile). */
  private readonly devKey: Promise<webcrypto.CryptoKey>;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  /**
   * Tokens verified a moment ago, by their exact text (ADR 0034): a client sends the same
   * token with every request, and its HMAC or signature check was a tenth of the api's
   * time under intake. Kept until `AUTH_TOKEN_CACHE_MS` has passed or the token expires,
   * whichever is first; nothing else can make a verified token invalid (a deactivated
   * user is refused by the guard's user check, not here).
   */
  private readonly verified = new Map<string, { claims: TokenClaims; until: number }>();

  constructor(private readonly config: AppConfig) {
    this.devKey = webcrypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(config.DEV_JWT_SECRET),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    if (config.AUTH_MODE === 'oidc' && config.OIDC_ISSUER) {
      const jwksUrl = config.OIDC_JWKS_URL ?? `${config.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/jwks.json`;
      this.jwks = createRemoteJWKSet(new URL(jwksUrl));
    }
  }

  get devMode(): boolean {
    return this.config.AUTH_MODE === 'dev';
  }

  async mintDevToken(claims: TokenClaims): Promise<string> {
    if (!this.devMode) throw new Error('dev tokens are only minted in AUTH_MODE=dev');
    return new SignJWT({ role: claims.role, municipality: claims.municipality })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(DEV_TOKEN_TTL)
      .sign(await this.devKey);
  }

  async verify(token: string): Promise<TokenClaims> {
    const kept = this.verified.get(token);
    if (kept && kept.until > wallClock()) return kept.claims;
    if (kept) this.verified.delete(token);
    const { exp, ...claims } = await this.verifyAnew(token);
    this.keep(token, claims, exp);
    return claims;
  }

  private keep(token: string, claims: TokenClaims, exp: number): void {
    const now = wallClock();
    const ttl = Math.min(this.config.AUTH_TOKEN_CACHE_MS, exp * 1000 - now);
    if (ttl <= 0) return;
    if (this.verified.size >= 10_000) this.verified.clear(); // a bound, not a policy
    this.verified.set(token, { claims, until: now + ttl });
  }

  private async verifyAnew(token: string): Promise<TokenClaims & { exp: number }> {
    let payload: JWTPayload;
    try {
      if (this.devMode) {
        ({ payload } = await jwtVerify(token, await this.devKey, {
          algorithms: ['HS256'],
          issuer: DEV_ISSUER,
          audience: DEV_AUDIENCE,
          requiredClaims: ['exp', 'sub'],
        }));
      } else {
        if (!this.jwks) throw new InvalidTokenError('no JWKS configured');
        ({ payload } = await jwtVerify(token, this.jwks, {
          algorithms: this.config.OIDC_ALGORITHMS.split(','),
          issuer: this.config.OIDC_ISSUER,
          audience: this.config.OIDC_AUDIENCE,
          requiredClaims: ['exp', 'sub'],
        }));
      }
    } catch (err) {
      if (err instanceof InvalidTokenError || err instanceof joseErrors.JOSEError) throw new InvalidTokenError('invalid token');
      throw err;
    }
    const { sub, role, municipality, exp } = payload as JWTPayload & { role?: unknown; municipality?: unknown };
    if (typeof sub !== 'string' || typeof municipality !== 'string' || !ROLES.includes(role as Role) || typeof exp !== 'number') {
      throw new InvalidTokenError('token lacks sub, role or municipality');
    }
    return { sub, role: role as Role, municipality, exp };
  }
}
