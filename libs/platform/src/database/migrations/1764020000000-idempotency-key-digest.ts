import { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig } from '../../config/app-config';
import { idempotencyKeyDigest } from '../idempotency';

/**
 * Idempotency-Key values are stored as keyed digests, never as sent (ADR 0016): a
 * client may put a CPR number in the header. Keys already stored are replaced by
 * their digest under the configured CPR_HMAC_KEY, so a retry that spans the upgrade
 * still replays. The way down cannot restore the keys and forgets them.
 */
export class IdempotencyKeyDigest1764020000000 implements MigrationInterface {
  name = 'IdempotencyKeyDigest1764020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE idempotency_key RENAME COLUMN key TO key_digest');
    const rows = (await q.query('SELECT user_id, key_digest FROM idempotency_key')) as { user_id: string; key_digest: string }[];
    if (rows.length === 0) return;
    // Only read when there is something to convert (a fresh database needs no key).
    const hmacKey = Buffer.from(loadConfig().CPR_HMAC_KEY, 'base64');
    for (const row of rows) {
      await q.query('UPDATE idempotency_key SET key_digest = $3 WHERE user_id = $1 AND key_digest = $2', [
        row.user_id,
        row.key_digest,
        idempotencyKeyDigest(hmacKey, row.key_digest),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM idempotency_key');
    await q.query('ALTER TABLE idempotency_key RENAME COLUMN key_digest TO key');
  }
}
