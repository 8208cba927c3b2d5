import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a GP system said about its own FHIR referral (ADR 0031, issue 18), kept beside
 * the case so it can be echoed back: the sender's ServiceRequest.identifier, its
 * requester reference and its subject reference. Owned by libs/fhir. Nothing about the
 * citizen: the subject reference is the sender's own id (one holding a CPR-like run of
 * digits is never stored).
 */
export class FhirReferralIn1765000000000 implements MigrationInterface {
  name = 'FhirReferralIn1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fhir_referral_in (
        referral_id uuid NOT NULL REFERENCES referral(id),
        sender_id uuid NOT NULL REFERENCES app_user(id),
        sender_organisation text,
        identifier_system text,
        identifier_value text NOT NULL,
        requester_reference text,
        requester_display text,
        subject_reference text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (referral_id, sender_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE fhir_referral_in');
  }
}
