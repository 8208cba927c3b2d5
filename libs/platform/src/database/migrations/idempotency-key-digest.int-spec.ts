import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config';
import { dataSourceOptions } from '../data-source-options';
import { idempotencyKeyDigest } from '../idempotency';
import { idempotency } from '../idempotency.repository';
import { IdempotencyKeyDigest1764020000000 } from './1764020000000-idempotency-key-digest';

/** Keys stored before the upgrade are replaced by their digest, so a retry spanning the upgrade still replays. */
describe('migration: Idempotency-Key values stored as digests (real PostgreSQL)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 2)).initialize();
  });
  afterAll(() => ds.destroy());

  it('turns a plain key into its keyed digest, which the running code then finds', async () => {
    const migration = new IdempotencyKeyDigest1764020000000();
    const q = ds.createQueryRunner();
    const user = randomUUID();
    try {
      await migration.down(q); // the schema as it was: a plain `key` column
      await q.query(
        `INSERT INTO idempotency_key (user_id, key, request_hash, status_code, response) VALUES ($1, '0101451234', 'h', 201, '{"id":"r1"}')`,
        [user],
      );
      await migration.up(q);
    } finally {
      await q.release();
    }
    const rows: { key_digest: string }[] = await ds.query('SELECT key_digest FROM idempotency_key WHERE user_id = $1', [user]);
    const digest = idempotencyKeyDigest(Buffer.from(loadConfig().CPR_HMAC_KEY, 'base64'), '0101451234');
    expect(rows).toEqual([{ key_digest: digest }]);
    expect(await idempotency.find(ds.manager, user, digest)).toMatchObject({ statusCode: 201, body: { id: 'r1' } });
  });
});
