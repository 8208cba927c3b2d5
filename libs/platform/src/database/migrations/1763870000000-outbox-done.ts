import { MigrationInterface, QueryRunner } from 'typeorm';

/** When the job an outbox row became has completed; rows relayed but never done are re-relayed if Redis lost them. */
export class OutboxDone1763870000000 implements MigrationInterface {
  name = 'OutboxDone1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox ADD COLUMN done_at timestamptz;
      CREATE INDEX outbox_in_flight ON outbox (relayed_at) WHERE relayed_at IS NOT NULL AND done_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX outbox_in_flight; ALTER TABLE outbox DROP COLUMN done_at;');
  }
}
