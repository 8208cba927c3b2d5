import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { IdempotencyKeyDigest } from './idempotency';
import { idempotency } from './idempotency.repository';

describe('Idempotency-Key records (real PostgreSQL)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 2)).initialize();
  });
  afterAll(() => ds.destroy());

  it('prunes keys stored more than the given days ago, in batches, and only those', async () => {
    const user = randomUUID();
    const keys = ['old-1', 'old-2', 'old-3', 'recent'].map((k) => `${k}-${randomUUID()}` as IdempotencyKeyDigest);
    for (const key of keys) expect(await idempotency.claim(ds.manager, user, key, 'hash')).toBe(true);
    await ds.query(`UPDATE idempotency_key SET created_at = now() - interval '8 days' WHERE user_id = $1 AND key_digest = ANY($2)`, [
      user,
      keys.slice(0, 3),
    ]);

    expect(await idempotency.pruneBatch(ds.manager, 7, 2)).toBe(2); // the batch limit holds
    expect(await idempotency.pruneBatch(ds.manager, 7, 2)).toBe(1);
    expect(await idempotency.pruneBatch(ds.manager, 7, 2)).toBe(0);
    const left = await ds.query('SELECT key_digest FROM idempotency_key WHERE user_id = $1', [user]);
    expect(left).toEqual([{ key_digest: keys[3] }]);
  });
});
