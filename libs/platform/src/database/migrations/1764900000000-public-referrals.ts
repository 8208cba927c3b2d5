import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open doors (ADR 0030, issue 21): a public referral — from a relative, an association,
 * another professional or the citizen themself — is a referral of its own born
 * `awaiting_consent`, made by the municipality's "public door" (an app_user that can
 * never sign in). What the public form said about who referred, and the short reference
 * the sender got, are kept beside it in `public_referral` (owned by libs/referral).
 * A message may carry its own address: the public referrer is no user with an e-mail.
 */
export class PublicReferrals1764900000000 implements MigrationInterface {
  name = 'PublicReferrals1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE referral DROP CONSTRAINT referral_status_check;
      ALTER TABLE referral ADD CONSTRAINT referral_status_check
        CHECK (status IN ('submitted', 'unassigned', 'assigned', 'contacted', 'active', 'on_hold', 'completed', 'rejected',
                          'cancelled', 'possible_duplicate', 'linked', 'awaiting_consent'));

      CREATE TABLE public_referral (
        referral_id uuid PRIMARY KEY REFERENCES referral(id),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        -- What the sender was given instead of the case id: short, for a phone call.
        reference text NOT NULL,
        referrer_kind text NOT NULL CHECK (referrer_kind IN ('relative', 'association', 'professional', 'self')),
        -- Personal data of the sender: erased with the case.
        referrer_name text,
        referrer_phone text,
        referrer_email text,
        referrer_organisation text,
        citizen_knows boolean NOT NULL,
        birth_date date,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality_id, reference)
      );
      -- The per-municipality limit counts the last hour's submissions.
      CREATE INDEX public_referral_recent ON public_referral (municipality_id, submitted_at);

      ALTER TABLE message ADD COLUMN IF NOT EXISTS address text;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE public_referral;
      ALTER TABLE referral DROP CONSTRAINT referral_status_check;
      ALTER TABLE referral ADD CONSTRAINT referral_status_check
        CHECK (status IN ('submitted', 'unassigned', 'assigned', 'contacted', 'active', 'on_hold', 'completed', 'rejected',
                          'cancelled', 'possible_duplicate', 'linked'));
    `);
  }
}
