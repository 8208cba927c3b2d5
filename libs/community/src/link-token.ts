import { createHash, randomBytes } from 'node:crypto';

/**
 * A link's secret: 32 random bytes (256 bits), base64url. Only its SHA-256 digest is
 * stored, so a copy of the database opens no hand-off page; a digest without a key is
 * enough here, as the token is random (unlike a CPR number, it cannot be guessed).
 */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: linkTokenHash(token) };
}

export function linkTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** A token as Bro makes them: 43 base64url characters. Anything else is not worth a query. */
export function isLinkTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
