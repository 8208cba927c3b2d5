import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention and the record-keeping exception (ADR 0013; `municipality.retention_years`
 * exists since the first schema): whether a case whose consent is withdrawn must be kept
 * (restricted) instead of erased, and when each case was erased.
 */
export class Retention1763910000000 implements MigrationInterface {
  name = 'Retention1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE municipality ADD COLUMN record_keeping text NOT NULL DEFAULT 'none'
        CHECK (record_keeping IN ('none', 'after_contact', 'always'));
      ALTER TABLE referral ADD COLUMN restricted_at timestamptz;
      ALTER TABLE referral ADD COLUMN erased_at timestamptz;
      CREATE INDEX referral_retention ON referral (closed_at) WHERE closed_at IS NOT NULL AND erased_at IS NULL;
      CREATE INDEX citizen_not_erased ON citizen (id) WHERE erased_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX citizen_not_erased;
      DROP INDEX referral_retention;
      ALTER TABLE referral DROP COLUMN erased_at;
      ALTER TABLE referral DROP COLUMN restricted_at;
      ALTER TABLE municipality DROP COLUMN record_keeping;
    `);
  }
}
