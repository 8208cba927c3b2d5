import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20, goal 4: a brobygger's follow-up queue and summary at 5 M follow-ups
 * (EXPLAIN (ANALYZE, BUFFERS) before and after in bench/README.md).
 *
 * The planner multiplied the selectivities of `municipality_id` and `assignee_id` (it
 * does not know a brobygger belongs to one municipality) and estimated 7 rows where
 * there were 655: the page fetched all of the brobygger's overdue follow-ups from the
 * heap, joined each to its case and sorted them (8.7 ms), and the counts walked all of
 * the municipality's open follow-ups, dropping 9 in 10 (1.8 and 7.7 ms).
 *
 *   - `follow_up_open_assignee_covering` replaces `follow_up_open_assignee_due` with the
 *     columns the counts and the municipality check read, so they are index-only scans
 *     of the brobygger's own rows (0.2–0.4 ms) and the page an ordered scan that stops at
 *     its limit (0.7 ms);
 *   - the functional-dependency statistics tell the planner that the assignee decides
 *     the municipality, so it picks that index.
 * IF NOT EXISTS: an operator may build the index first with CREATE INDEX CONCURRENTLY.
 */
export class FollowUpAssigneeCovering1765500000000 implements MigrationInterface {
  name = 'FollowUpAssigneeCovering1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX IF NOT EXISTS follow_up_open_assignee_covering ON follow_up (assignee_id, due_at, id)
        INCLUDE (municipality_id, kind, escalated_at) WHERE status = 'open';
      DROP INDEX IF EXISTS follow_up_open_assignee_due;
      CREATE STATISTICS IF NOT EXISTS follow_up_municipality_assignee (dependencies) ON municipality_id, assignee_id FROM follow_up;
      ANALYZE follow_up;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX IF NOT EXISTS follow_up_open_assignee_due ON follow_up (assignee_id, due_at, id) WHERE status = 'open';
      DROP INDEX follow_up_open_assignee_covering;
      DROP STATISTICS follow_up_municipality_assignee;
    `);
  }
}
