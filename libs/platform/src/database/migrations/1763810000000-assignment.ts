import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Capacity-safe assignment.
 * - brobygger.capacity_overrun: cases held above capacity since a coordinator lowered
 *   it; it only shrinks. The CHECK makes it impossible for any statement to push a
 *   brobygger above capacity (+ that overrun), whatever the application does.
 * - referral_assignment: who held a case when; one active row per referral.
 */
export class Assignment1763810000000 implements MigrationInterface {
  name = 'Assignment1763810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE brobygger ADD COLUMN capacity_overrun integer NOT NULL DEFAULT 0 CHECK (capacity_overrun >= 0);
      ALTER TABLE brobygger ADD CONSTRAINT brobygger_within_capacity CHECK (active_cases <= capacity + capacity_overrun);

      CREATE TABLE referral_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        referral_id uuid NOT NULL REFERENCES referral(id),
        brobygger_id uuid NOT NULL REFERENCES brobygger(id),
        kind text NOT NULL CHECK (kind IN ('auto', 'manual')),
        assigned_by uuid REFERENCES app_user(id),
        assigned_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        released_at timestamptz,
        released_reason text
      );
      CREATE UNIQUE INDEX referral_assignment_one_active ON referral_assignment (referral_id) WHERE released_at IS NULL;
      CREATE INDEX referral_assignment_brobygger_active ON referral_assignment (brobygger_id) WHERE released_at IS NULL;
      CREATE INDEX referral_waiting ON referral (municipality_id, area_id, created_at) WHERE status = 'unassigned';
      CREATE INDEX referral_submitted ON referral (created_at) WHERE status = 'submitted';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX referral_submitted;
      DROP INDEX referral_waiting;
      DROP TABLE referral_assignment;
      ALTER TABLE brobygger DROP CONSTRAINT brobygger_within_capacity;
      ALTER TABLE brobygger DROP COLUMN capacity_overrun;
    `);
  }
}
