import type { EntityManager } from 'typeorm';
import type { IdempotencyKeyDigest, StoredResponse } from './idempotency';
import { returnedRows } from './pg-results';

/**
 * All SQL on `idempotency_key`, a table the platform owns (ADR 0022). Idempotency-Key
 * support (keys stored as digests), used inside the command's own transaction so the key and
 * the effect commit together.
 *
 * `claim` inserts the key with ON CONFLICT DO NOTHING: a concurrent request with the
 * same key waits on the unique index until the first commits (then gets nothing and
 * replays) or rolls back (then proceeds as the first). No half-claimed key survives a
 * crash, because the claim is part of the same transaction.
 */
export const idempotency = {
  /** Deletes up to `limit` keys stored more than `days` ago; how many went. */
  async pruneBatch(manager: EntityManager, days: number, limit: number): Promise<number> {
    const result: unknown = await manager.query(
      `DELETE FROM idempotency_key WHERE (user_id, key_digest) IN (
         SELECT user_id, key_digest FROM idempotency_key WHERE created_at < now() - make_interval(days => $1) LIMIT $2)
       RETURNING 1`,
      [days, limit],
    );
    return returnedRows(result).length;
  },

  async claim(manager: EntityManager, userId: string, key: IdempotencyKeyDigest, requestHash: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO idempotency_key (user_id, key_digest, request_hash, status_code, response)
       VALUES ($1, $2, $3, 0, 'null') ON CONFLICT DO NOTHING RETURNING 1`,
      [userId, key, requestHash],
    );
    return rows.length === 1;
  },

  async complete<T>(manager: EntityManager, userId: string, key: IdempotencyKeyDigest, response: StoredResponse<T>): Promise<void> {
    await manager.query('UPDATE idempotency_key SET status_code = $3, response = $4 WHERE user_id = $1 AND key_digest = $2', [
      userId,
      key,
      response.statusCode,
      JSON.stringify(response.body),
    ]);
  },

  async find<T>(
    manager: EntityManager,
    userId: string,
    key: IdempotencyKeyDigest,
  ): Promise<(StoredResponse<T> & { requestHash: string }) | null> {
    const rows: { status_code: number; response: T; request_hash: string }[] = await manager.query(
      'SELECT status_code, response, request_hash FROM idempotency_key WHERE user_id = $1 AND key_digest = $2',
      [userId, key],
    );
    if (rows.length === 0) return null;
    return { statusCode: rows[0].status_code, body: rows[0].response, requestHash: rows[0].request_hash };
  },
};
