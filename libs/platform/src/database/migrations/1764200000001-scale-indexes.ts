import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for national scale (issue 20: 1 M cases, 5 M follow-ups; EXPLAIN (ANALYZE,
 * BUFFERS) before and after in bench/README.md). Before, with only partial indexes on the
 * paths below:
 *   - matching's continuity lookup (every earlier referral of the citizen) and the
 *     follow-up sync's first assignment scanned `referral` / `referral_assignment` whole,
 *     for each referral matched;
 *   - the follow-up lists sort by (due_at, id): the index had no id, so every page sorted
 *     all of a municipality's open follow-ups;
 *   - the summary's areas count AND-ed a 300 000-entry index;
 *   - the follow-up sweep (every minute) scanned all 5 M follow-ups and 1 M referrals.
 * IF NOT EXISTS: on a large live database an operator may build them first with CREATE
 * INDEX CONCURRENTLY under the same names, and the migration then only drops the two
 * indexes the new ones replace.
 */
export class ScaleIndexes1764200000001 implements MigrationInterface {
  name = 'ScaleIndexes1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX IF NOT EXISTS referral_citizen ON referral (citizen_id);
      CREATE INDEX IF NOT EXISTS referral_assignment_referral ON referral_assignment (referral_id, assigned_at);
      CREATE INDEX IF NOT EXISTS referral_open_area ON referral (municipality_id, area_id, status)
        WHERE status NOT IN ('completed', 'cancelled', 'rejected');
      CREATE INDEX IF NOT EXISTS referral_assigned ON referral (id) WHERE status = 'assigned';
      CREATE INDEX IF NOT EXISTS follow_up_open_municipality ON follow_up (municipality_id, due_at, id)
        INCLUDE (kind, escalated_at, assignee_id) WHERE status = 'open';
      CREATE INDEX IF NOT EXISTS follow_up_open_assignee_due ON follow_up (assignee_id, due_at, id) WHERE status = 'open';
      CREATE INDEX IF NOT EXISTS follow_up_not_yet_overdue ON follow_up (due_at) WHERE status = 'open' AND overdue_since IS NULL;
      CREATE INDEX IF NOT EXISTS follow_up_to_escalate ON follow_up (due_at)
        WHERE status = 'open' AND overdue_since IS NOT NULL AND escalated_at IS NULL;
      DROP INDEX IF EXISTS follow_up_open_due;
      DROP INDEX IF EXISTS follow_up_open_assignee;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX IF NOT EXISTS follow_up_open_due ON follow_up (municipality_id, due_at) WHERE status = 'open';
      CREATE INDEX IF NOT EXISTS follow_up_open_assignee ON follow_up (assignee_id, due_at) WHERE status = 'open';
      DROP INDEX follow_up_to_escalate, follow_up_not_yet_overdue, follow_up_open_assignee_due, follow_up_open_municipality,
        referral_assigned, referral_open_area, referral_assignment_referral, referral_citizen;
    `);
  }
}
