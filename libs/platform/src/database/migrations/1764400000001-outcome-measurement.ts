import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The measurement at closing may carry the WHO-5/UCLA-3 answers or a refusal too (issue
 * 15, ADR 0024): the check that kept answers to the 3- and 9-month measurements takes the
 * outcome measurement in.
 */
export class OutcomeMeasurement1764400000001 implements MigrationInterface {
  name = 'OutcomeMeasurement1764400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE follow_up DROP CONSTRAINT follow_up_measurement;
      ALTER TABLE follow_up ADD CONSTRAINT follow_up_measurement CHECK (
        (kind IN ('measurement_3m', 'measurement_9m', 'outcome_measurement')
          OR (measurement_result IS NULL AND who5_score IS NULL AND ucla3_score IS NULL))
        AND (measurement_result = 'measured' OR (who5_score IS NULL AND ucla3_score IS NULL))
        AND (measurement_result <> 'measured' OR who5_score IS NOT NULL OR ucla3_score IS NOT NULL));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE follow_up SET measurement_result = NULL, who5 = NULL, who5_score = NULL, ucla3 = NULL, ucla3_score = NULL
       WHERE kind = 'outcome_measurement';
      ALTER TABLE follow_up DROP CONSTRAINT follow_up_measurement;
      ALTER TABLE follow_up ADD CONSTRAINT follow_up_measurement CHECK (
        (kind IN ('measurement_3m', 'measurement_9m') OR (measurement_result IS NULL AND who5_score IS NULL AND ucla3_score IS NULL))
        AND (measurement_result = 'measured' OR (who5_score IS NULL AND ucla3_score IS NULL))
        AND (measurement_result <> 'measured' OR who5_score IS NOT NULL OR ucla3_score IS NOT NULL));
    `);
  }
}
