import { type KeyObject, createHmac } from 'node:crypto';

/**
 * A keyed HMAC-SHA256 of `purpose:text`, base64url: how Bro finds or compares text
 * that may hold personal data without storing it (the CPR vault's digest).
 */
export function keyedDigest(hmacKey: Buffer | KeyObject, purpose: string, text: string): string {
  return createHmac('sha256', hmacKey).update(`${purpose}:${text}`).digest('base64url');
}

/**
 * The stored form of an Idempotency-Key. A client may put anything in the header, a
 * CPR number included, so the key itself is never stored: only its keyed digest
 * (the type makes passing the raw header a compile error).
 */
export type IdempotencyKeyDigest = string & { readonly __brand: 'IdempotencyKeyDigest' };

export function idempotencyKeyDigest(hmacKey: Buffer | KeyObject, key: string): IdempotencyKeyDigest {
  return keyedDigest(hmacKey, 'idempotency-key', key) as IdempotencyKeyDigest;
}

export interface StoredResponse<T> {
  statusCode: number;
  body: T;
}
