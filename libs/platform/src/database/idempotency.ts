import type { EntityManager } from 'typeorm';

export interface StoredResponse<T> {
  statusCode: number;
  body: T;
}

/**
 * Idempotency-Key support, used inside the command's own transaction so the key and
 * the effect commit together.
 *
 * `claim` inserts the key with ON CONFLICT DO NOTHING: a concurrent request with the
 * same key waits on the unique index until the first commits (then gets nothing and
 * replays) or rolls back (then proceeds as the first). No half-claimed key survives a
 * crash, because the claim is part of the same transaction.
 */
export const idempotency = {
  async claim(manager: EntityManager, userId: string, key: string, requestHash: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO idempotency_key (user_id, key, request_hash, status_code, response)
       VALUES ($1, $2, $3, 0, 'null') ON CONFLICT DO NOTHING RETURNING 1`,
      [userId, key, requestHash],
    );
    return rows.length === 1;
  },

  async complete<T>(manager: EntityManager, userId: string, key: string, response: StoredResponse<T>): Promise<void> {
    await manager.query('UPDATE idempotency_key SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2', [
      userId,
      key,
      response.statusCode,
      JSON.stringify(response.body),
    ]);
  },

  async find<T>(manager: EntityManager, userId: string, key: string): Promise<(StoredResponse<T> & { requestHash: string }) | null> {
    const rows: { status_code: number; response: T; request_hash: string }[] = await manager.query(
      'SELECT status_code, response, request_hash FROM idempotency_key WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    if (rows.length === 0) return null;
    return { statusCode: rows[0].status_code, body: rows[0].response, requestHash: rows[0].request_hash };
  },
};
