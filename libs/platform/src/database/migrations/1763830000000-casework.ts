import { MigrationInterface, QueryRunner } from 'typeorm';

/** Casework: contact attempts, conversations with scores, the personal plan and its history. */
export class Casework1763830000000 implements MigrationInterface {
  name = 'Casework1763830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE referral ADD COLUMN consider_unreachable boolean NOT NULL DEFAULT false;
      -- Other municipal contacts of the citizen, and who holds the ongoing contact.
      ALTER TABLE referral ADD COLUMN other_contacts jsonb NOT NULL DEFAULT '[]';
      ALTER TABLE referral ADD COLUMN responsible_contact text;

      CREATE TABLE contact_attempt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        referral_id uuid NOT NULL REFERENCES referral(id),
        outcome text NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'declined')),
        channel text NOT NULL CHECK (channel IN ('phone', 'sms', 'email', 'letter', 'in_person')),
        note text,
        attempted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid NOT NULL REFERENCES app_user(id)
      );
      CREATE INDEX contact_attempt_referral ON contact_attempt (referral_id, attempted_at);

      CREATE TABLE conversation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        referral_id uuid NOT NULL REFERENCES referral(id),
        kind text NOT NULL CHECK (kind IN ('first', 'follow_up', 'phone')),
        held_at timestamptz NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
        location text NOT NULL,
        wheel jsonb,
        notes text,
        what_matters text,
        wishes text,
        want_to_try text,
        who5 smallint[],
        who5_score smallint CHECK (who5_score BETWEEN 0 AND 100),
        ucla3 smallint[],
        ucla3_score smallint CHECK (ucla3_score BETWEEN 3 AND 9),
        actor_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX conversation_referral ON conversation (referral_id, held_at);

      CREATE TABLE plan (
        referral_id uuid PRIMARY KEY REFERENCES referral(id),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        goals jsonb NOT NULL,
        steps jsonb NOT NULL,
        version integer NOT NULL,
        updated_by uuid NOT NULL REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE TABLE plan_revision (
        id bigserial PRIMARY KEY,
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        referral_id uuid NOT NULL REFERENCES referral(id),
        version integer NOT NULL,
        goals jsonb NOT NULL,
        steps jsonb NOT NULL,
        changed_by uuid NOT NULL REFERENCES app_user(id),
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (referral_id, version)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE plan_revision;
      DROP TABLE plan;
      DROP TABLE conversation;
      DROP TABLE contact_attempt;
      ALTER TABLE referral DROP COLUMN responsible_contact;
      ALTER TABLE referral DROP COLUMN other_contacts;
      ALTER TABLE referral DROP COLUMN consider_unreachable;
    `);
  }
}
