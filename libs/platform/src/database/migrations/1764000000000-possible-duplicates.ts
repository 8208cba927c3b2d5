import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Linking across clinics (ADR 0014). A referral from another clinic for a citizen with
 * an open case is its own row, held as `possible_duplicate` until a coordinator or the
 * case's brobygger decides; once confirmed it is `linked` to that case. Neither is a
 * case of its own, so the one-open-case-per-citizen index leaves them out. Consents
 * belong to the referral — or the link — that captured them. Details a later
 * referral gives that differ from the citizen's are kept beside it, never written over
 * the citizen, until staff accept or ignore them.
 */
export class PossibleDuplicates1764000000000 implements MigrationInterface {
  name = 'PossibleDuplicates1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE referral DROP CONSTRAINT referral_status_check;
      ALTER TABLE referral ADD CONSTRAINT referral_status_check
        CHECK (status IN ('submitted', 'unassigned', 'assigned', 'contacted', 'active', 'on_hold', 'completed', 'rejected',
                          'cancelled', 'possible_duplicate', 'linked'));
      ALTER TABLE referral ADD COLUMN duplicate_of uuid REFERENCES referral(id);
      ALTER TABLE referral ADD COLUMN duplicate_decision text CHECK (duplicate_decision IN ('confirmed', 'rejected'));
      ALTER TABLE referral ADD COLUMN duplicate_decided_by uuid REFERENCES app_user(id);
      ALTER TABLE referral ADD COLUMN duplicate_decided_at timestamptz;
      ALTER TABLE referral ADD COLUMN duplicate_note text;
      ALTER TABLE referral ADD CONSTRAINT referral_held_has_case
        CHECK (status NOT IN ('possible_duplicate', 'linked') OR duplicate_of IS NOT NULL);
      CREATE INDEX referral_duplicate_of ON referral (duplicate_of) WHERE duplicate_of IS NOT NULL;

      DROP INDEX referral_one_open_per_citizen;
      CREATE UNIQUE INDEX referral_one_open_per_citizen ON referral (citizen_id)
        WHERE status NOT IN ('completed', 'rejected', 'cancelled', 'possible_duplicate', 'linked');

      ALTER TABLE consent ADD COLUMN referral_link_id uuid REFERENCES referral_link(id);
      CREATE INDEX consent_referral ON consent (referral_id, id) WHERE referral_id IS NOT NULL;
      CREATE INDEX consent_referral_link ON consent (referral_link_id, id) WHERE referral_link_id IS NOT NULL;

      -- "Oplyst af <klinik> <dato>": only the fields that differed from the citizen's
      -- at the time; referral_id is the case whose staff see them (for a link, the case
      -- it joined). Personal data: erased with that referral.
      CREATE TABLE reported_details (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        citizen_id uuid NOT NULL REFERENCES citizen(id),
        referral_id uuid NOT NULL REFERENCES referral(id),
        referral_link_id uuid REFERENCES referral_link(id),
        referrer_id uuid NOT NULL REFERENCES app_user(id),
        referrer_organisation text,
        reported_at timestamptz NOT NULL DEFAULT now(),
        name text,
        phone text,
        email text,
        street text,
        postcode text,
        city text,
        language text,
        contact_preferences jsonb,
        decision text CHECK (decision IN ('accepted', 'ignored')),
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz
      );
      CREATE INDEX reported_details_referral ON reported_details (referral_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE reported_details;
      DROP INDEX consent_referral_link;
      DROP INDEX consent_referral;
      ALTER TABLE consent DROP COLUMN referral_link_id;
      DROP INDEX referral_one_open_per_citizen;
      CREATE UNIQUE INDEX referral_one_open_per_citizen ON referral (citizen_id)
        WHERE status NOT IN ('completed', 'rejected', 'cancelled');
      DROP INDEX referral_duplicate_of;
      ALTER TABLE referral DROP CONSTRAINT referral_held_has_case;
      ALTER TABLE referral DROP COLUMN duplicate_note;
      ALTER TABLE referral DROP COLUMN duplicate_decided_at;
      ALTER TABLE referral DROP COLUMN duplicate_decided_by;
      ALTER TABLE referral DROP COLUMN duplicate_decision;
      ALTER TABLE referral DROP COLUMN duplicate_of;
      ALTER TABLE referral DROP CONSTRAINT referral_status_check;
      ALTER TABLE referral ADD CONSTRAINT referral_status_check
        CHECK (status IN ('submitted', 'unassigned', 'assigned', 'contacted', 'active', 'on_hold', 'completed', 'rejected', 'cancelled'));
    `);
  }
}
