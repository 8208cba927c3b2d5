import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox row whose job failed for good (attempts spent, or unrecoverable) is marked,
 * so the outbox lag — the age of the oldest row whose job is neither done nor failed —
 * measures work still under way, not one poison job from last week. The index makes
 * that age one index read per scrape.
 */
export class OutboxFailed1764200000000 implements MigrationInterface {
  name = 'OutboxFailed1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox ADD COLUMN failed_at timestamptz;
      CREATE INDEX outbox_undone ON outbox (created_at) WHERE done_at IS NULL AND failed_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX outbox_undone; ALTER TABLE outbox DROP COLUMN failed_at;');
  }
}
