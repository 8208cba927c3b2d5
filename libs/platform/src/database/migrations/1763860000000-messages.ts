import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages to staff (referrer milestones, follow-up reminders) behind one port. The
 * local adapter keeps them here for the demo and tests; the SMTP adapter also mails
 * them. Ids, kinds and milestones only — never a citizen's name, CPR or notes. One
 * message per dedupe key, however often the job that sends it runs.
 */
export class Messages1763860000000 implements MigrationInterface {
  name = 'Messages1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE referrer_notification;
      ALTER TABLE app_user ADD COLUMN email text;
      CREATE TABLE message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        recipient_id uuid NOT NULL REFERENCES app_user(id),
        kind text NOT NULL,
        referral_id uuid REFERENCES referral(id),
        subject text NOT NULL,
        body jsonb NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        channel text NOT NULL CHECK (channel IN ('local', 'email')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        delivered_at timestamptz
      );
      CREATE INDEX message_recipient ON message (recipient_id, created_at DESC);
      CREATE INDEX message_referral ON message (referral_id) WHERE referral_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE message;
      ALTER TABLE app_user DROP COLUMN email;
      CREATE TABLE referrer_notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        referral_id uuid NOT NULL REFERENCES referral(id),
        referrer_id uuid NOT NULL REFERENCES app_user(id),
        milestone text NOT NULL,
        body jsonb NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (referral_id, referrer_id, milestone)
      );
    `);
  }
}
