import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery ledger (ADR 0017): every message row says where its delivery stands —
 * `pending` until the transport took it, then `sent`, or `failed` for good — with the
 * number of attempts, the last error as a code (never the server's text: it may quote
 * an address) and when the next attempt is due, which is what the sweep re-enqueues
 * from when Redis lost the job.
 *
 * Rows from before the ledger: delivered or kept locally count as sent; an e-mail that
 * was never delivered was swallowed back then and is too old to send now, so it is
 * `failed` and shows in the coordinators' list.
 */
export class MessageDelivery1764030000000 implements MigrationInterface {
  name = 'MessageDelivery1764030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE message
        ADD COLUMN delivery_status text NOT NULL DEFAULT 'pending' CHECK (delivery_status IN ('pending', 'sent', 'failed')),
        ADD COLUMN delivery_attempts integer NOT NULL DEFAULT 0 CHECK (delivery_attempts >= 0),
        ADD COLUMN last_error_code text CHECK (last_error_code ~ '^[a-z0-9_]{1,40}$'),
        ADD COLUMN last_attempt_at timestamptz,
        ADD COLUMN next_attempt_at timestamptz;
      UPDATE message SET delivery_status = 'sent', delivered_at = COALESCE(delivered_at, created_at)
       WHERE delivered_at IS NOT NULL OR channel = 'local';
      UPDATE message SET delivery_status = 'failed', last_error_code = 'undelivered_before_ledger'
       WHERE delivery_status = 'pending';
      CREATE INDEX message_delivery_due ON message (next_attempt_at) WHERE delivery_status = 'pending';
      CREATE INDEX message_delivery_failed ON message (municipality_id, last_attempt_at DESC) WHERE delivery_status = 'failed';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX message_delivery_failed;
      DROP INDEX message_delivery_due;
      ALTER TABLE message DROP COLUMN next_attempt_at, DROP COLUMN last_attempt_at, DROP COLUMN last_error_code,
        DROP COLUMN delivery_attempts, DROP COLUMN delivery_status;
    `);
  }
}
