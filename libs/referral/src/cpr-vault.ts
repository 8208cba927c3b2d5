import { Injectable } from '@nestjs/common';
import { AppConfig, IdempotencyKeyDigest, idempotencyKeyDigest, keyedDigest } from '@bro/platform';
import { KeyObject, createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes } from 'node:crypto';

export interface SealedCpr {
  ciphertext: string;
  keyId: string;
}

/**
 * Keeps CPR numbers unreadable at rest.
 * - `lookupHash`: HMAC-SHA256 under CPR_HMAC_KEY, to find a citizen. Never an unkeyed
 *   hash: the CPR space (~3.6×10⁸ values) is brute-forced in seconds.
 * - `seal`/`open`: AES-256-GCM under CPR_ENCRYPTION_KEY; the key id is stored beside the
 *   ciphertext so keys can rotate: a new key id seals from then on, retired keys
 *   (CPR_ENCRYPTION_RETIRED_KEYS) still open, and `CprRotation` re-seals old rows.
 *   The HMAC key is separate and does not rotate this way (a new one means new hashes).
 */
@Injectable()
export class CprVault {
  // KeyObjects, made once: node checks a raw Buffer key anew on every call (~10 µs per
  // HMAC or cipher, measured), and intake makes two per referral.
  private readonly hmacKey: KeyObject;
  private readonly keys: Map<string, KeyObject>;
  private readonly currentKeyId: string;

  constructor(config: AppConfig) {
    this.hmacKey = createSecretKey(Buffer.from(config.CPR_HMAC_KEY, 'base64'));
    this.currentKeyId = config.CPR_ENCRYPTION_KEY_ID;
    const retired = (config.CPR_ENCRYPTION_RETIRED_KEYS ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split(':') as [string, string]);
    this.keys = new Map(
      [...retired, [config.CPR_ENCRYPTION_KEY_ID, config.CPR_ENCRYPTION_KEY]].map(([id, key]) => [
        id,
        createSecretKey(Buffer.from(key, 'base64')),
      ]),
    );
  }

  /** The key id new seals use; rows under any other id are re-sealed by the nightly rotation. */
  get currentKey(): string {
    return this.currentKeyId;
  }

  lookupHash(cpr: string): string {
    return createHmac('sha256', this.hmacKey).update(`cpr:${cpr}`).digest('base64url');
  }

  /** A keyed digest of any text (e.g. a request body holding a CPR number). */
  digest(purpose: string, text: string): string {
    return keyedDigest(this.hmacKey, purpose, text);
  }

  /** How an Idempotency-Key is stored: a client may put a CPR number in it. */
  idempotencyKey(key: string): IdempotencyKeyDigest {
    return idempotencyKeyDigest(this.hmacKey, key);
  }

  seal(cpr: string): SealedCpr {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentKeyId), iv);
    const body = Buffer.concat([cipher.update(cpr, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return { ciphertext: [iv, tag, body].map((b) => b.toString('base64url')).join('.'), keyId: this.currentKeyId };
  }

  open(sealed: SealedCpr): string {
    const [iv, tag, body] = sealed.ciphertext.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key(sealed.keyId), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  private key(id: string): KeyObject {
    const key = this.keys.get(id);
    if (!key) throw new Error(`no CPR encryption key with id ${id}`);
    return key;
  }
}
