import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The council report and measuring after closing (ADR 0018):
 * - the kind of organisation a referrer works for (the report's "source": clinic
 *   types, never named GPs), `gp` (praktiserende læge) for every referrer until a
 *   coordinator says otherwise;
 * - follow-ups of two new kinds, the WHO-5/UCLA-3 measurements 3 and 9 months after
 *   the first conversation, with the answers (or that the citizen declined or could
 *   not be reached) on the row, and the working days they fall due after.
 */
export class CouncilReport1764100000000 implements MigrationInterface {
  name = 'CouncilReport1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Known for referrers (staff who refer for the municipality count as "other" in the report).
      ALTER TABLE app_user ADD COLUMN organisation_kind text
        CHECK (organisation_kind IN ('gp', 'hospital', 'municipal_health', 'social_services', 'job_centre',
                                     'psychiatry', 'civil_society', 'citizen_or_relative', 'other'));
      UPDATE app_user SET organisation_kind = 'gp' WHERE role = 'referrer';

      ALTER TABLE municipality ADD COLUMN measurement_3m_working_days integer NOT NULL DEFAULT 63
        CHECK (measurement_3m_working_days BETWEEN 20 AND 130);
      ALTER TABLE municipality ADD COLUMN measurement_9m_working_days integer NOT NULL DEFAULT 189
        CHECK (measurement_9m_working_days BETWEEN 60 AND 390);

      ALTER TABLE follow_up DROP CONSTRAINT follow_up_kind_check;
      ALTER TABLE follow_up ADD CONSTRAINT follow_up_kind_check
        CHECK (kind IN ('first_contact', 'follow_up_call', 'review', 'outcome_measurement', 'custom', 'measurement_3m', 'measurement_9m'));
      ALTER TABLE follow_up ADD COLUMN measurement_result text CHECK (measurement_result IN ('measured', 'declined', 'unreachable'));
      ALTER TABLE follow_up ADD COLUMN who5 smallint[];
      ALTER TABLE follow_up ADD COLUMN who5_score smallint CHECK (who5_score BETWEEN 0 AND 100);
      ALTER TABLE follow_up ADD COLUMN ucla3 smallint[];
      ALTER TABLE follow_up ADD COLUMN ucla3_score smallint CHECK (ucla3_score BETWEEN 3 AND 9);
      -- Answers only on a measurement, and a measurement done only with a result.
      ALTER TABLE follow_up ADD CONSTRAINT follow_up_measurement CHECK (
        (kind IN ('measurement_3m', 'measurement_9m') OR (measurement_result IS NULL AND who5_score IS NULL AND ucla3_score IS NULL))
        AND (measurement_result = 'measured' OR (who5_score IS NULL AND ucla3_score IS NULL))
        AND (measurement_result <> 'measured' OR who5_score IS NOT NULL OR ucla3_score IS NOT NULL));
      CREATE INDEX follow_up_measurement_referral ON follow_up (referral_id, kind) WHERE kind IN ('measurement_3m', 'measurement_9m');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX follow_up_measurement_referral;
      ALTER TABLE follow_up DROP CONSTRAINT follow_up_measurement;
      ALTER TABLE follow_up DROP COLUMN ucla3_score, DROP COLUMN ucla3, DROP COLUMN who5_score, DROP COLUMN who5, DROP COLUMN measurement_result;
      DELETE FROM follow_up WHERE kind IN ('measurement_3m', 'measurement_9m');
      ALTER TABLE follow_up DROP CONSTRAINT follow_up_kind_check;
      ALTER TABLE follow_up ADD CONSTRAINT follow_up_kind_check
        CHECK (kind IN ('first_contact', 'follow_up_call', 'review', 'outcome_measurement', 'custom'));
      ALTER TABLE municipality DROP COLUMN measurement_9m_working_days, DROP COLUMN measurement_3m_working_days;
      ALTER TABLE app_user DROP COLUMN organisation_kind;
    `);
  }
}
