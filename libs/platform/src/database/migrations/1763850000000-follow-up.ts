import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-ups: every promise to a citizen is a dated row. Rows the flow creates carry a
 * source key (unique), so re-running the flow never duplicates them. Partial indexes
 * serve the coordinators' queues, which only ever look at open rows.
 */
export class FollowUp1763850000000 implements MigrationInterface {
  name = 'FollowUp1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE municipality ADD COLUMN follow_up_call_days integer NOT NULL DEFAULT 14 CHECK (follow_up_call_days BETWEEN 1 AND 365);
      ALTER TABLE municipality ADD COLUMN review_days integer NOT NULL DEFAULT 56 CHECK (review_days BETWEEN 1 AND 730);
      ALTER TABLE municipality ADD COLUMN escalate_after_working_days integer NOT NULL DEFAULT 2 CHECK (escalate_after_working_days BETWEEN 0 AND 30);

      CREATE TABLE follow_up (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        referral_id uuid NOT NULL REFERENCES referral(id),
        kind text NOT NULL CHECK (kind IN ('first_contact', 'follow_up_call', 'review', 'outcome_measurement', 'custom')),
        due_at timestamptz NOT NULL,
        assignee_id uuid REFERENCES brobygger(id),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        note text,
        source_key text,
        overdue_since timestamptz,
        escalated_at timestamptz,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        completed_at timestamptz,
        completed_by uuid REFERENCES app_user(id)
      );
      CREATE UNIQUE INDEX follow_up_source ON follow_up (source_key) WHERE source_key IS NOT NULL;
      CREATE INDEX follow_up_open_due ON follow_up (municipality_id, due_at) WHERE status = 'open';
      CREATE INDEX follow_up_open_assignee ON follow_up (assignee_id, due_at) WHERE status = 'open';
      CREATE INDEX follow_up_referral ON follow_up (referral_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE follow_up;
      ALTER TABLE municipality DROP COLUMN escalate_after_working_days;
      ALTER TABLE municipality DROP COLUMN review_days;
      ALTER TABLE municipality DROP COLUMN follow_up_call_days;
    `);
  }
}
