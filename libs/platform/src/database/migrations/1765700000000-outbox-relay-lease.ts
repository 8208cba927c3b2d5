import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0042: a relay that is busy moving outbox rows holds a lease here, and while any
 * lease is alive the outbox writers send no NOTIFY (the busy relay looks again every few
 * milliseconds anyway). A NOTIFY takes one cluster-wide lock from just before commit until
 * the commit is flushed, so every notifying transaction commits in turn; under load that
 * lock, not the work, set the pace.
 */
export class OutboxRelayLease1765700000000 implements MigrationInterface {
  name = 'OutboxRelayLease1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_relay_lease (
        relay_id uuid PRIMARY KEY,
        awake_until timestamptz NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox_relay_lease');
  }
}
