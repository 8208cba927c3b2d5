import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What Bro has told referrers. The local adapter of the referrer channel: each row is
 * one message, holding only the referrer view (ids, milestones). One message per
 * referral, referrer and milestone, however often the job runs.
 */
export class ReferrerNotification1763820000000 implements MigrationInterface {
  name = 'ReferrerNotification1763820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
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

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE referrer_notification');
  }
}
