import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The operator's password as `scrypt:N:r:p:salt:hash` (salt and hash base64url). Only
 * the hash is configured (OPS_PASSWORD_HASH); `npm run ops:password-hash` makes one.
 */
const N = 16_384;
const R = 8;
const P = 1;

export function hashOperatorPassword(password: string, salt = randomBytes(16)): string {
  const hash = scryptSync(password.normalize('NFC'), salt, 32, { N, r: R, p: P });
  return `scrypt:${N}:${R}:${P}:${salt.toString('base64url')}:${hash.toString('base64url')}`;
}

export function verifyOperatorPassword(password: string, stored: string): boolean {
  const [kind, n, r, p, salt, hash] = stored.split(':');
  if (kind !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64url');
  const N = Number(n);
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r) + 1024 * 1024,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
