import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The community side (issue 16, ADR 0026): hosts (værter) of an offer and følgevenner
 * (owned by libs/directory), hand-offs of a plan step to one of them and the checks that
 * keep an offer's entry fresh (owned by libs/community). Tokens are stored as SHA-256
 * digests only. Plan steps get stable ids, kept across versions; existing steps get one.
 * Messages may go to someone outside Bro (a host or følgeven): no app_user, an address
 * on the row, and a link that is cleared once the delivery settles.
 */
export class Community1764600000000 implements MigrationInterface {
  name = 'Community1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE host (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        offer_id uuid NOT NULL REFERENCES offer(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email text,
        phone text,
        note text,
        removed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX host_offer ON host (offer_id) WHERE removed_at IS NULL;

      CREATE TABLE companion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email text,
        phone text,
        area_ids uuid[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        availability text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX companion_municipality ON companion (municipality_id, name);

      CREATE TABLE handover (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        referral_id uuid NOT NULL REFERENCES referral(id),
        step_id uuid NOT NULL,
        recipient text NOT NULL CHECK (recipient IN ('host', 'companion')),
        host_id uuid REFERENCES host(id),
        companion_id uuid REFERENCES companion(id),
        offer_id uuid REFERENCES offer(id),
        organisation_id uuid REFERENCES organisation(id),
        token_hash text NOT NULL UNIQUE,
        first_visit_at timestamptz NOT NULL,
        message text,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        opened_at timestamptz,
        answer text CHECK (answer IN ('attended', 'did_not_attend', 'continuing', 'cannot_receive')),
        answer_note text,
        answered_at timestamptz,
        sent_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((recipient = 'host') = (host_id IS NOT NULL) AND (recipient = 'companion') = (companion_id IS NOT NULL))
      );
      CREATE INDEX handover_referral ON handover (referral_id, created_at);
      CREATE INDEX handover_organisation ON handover (municipality_id, organisation_id);

      CREATE TABLE offer_check (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        offer_id uuid NOT NULL REFERENCES offer(id),
        host_id uuid NOT NULL REFERENCES host(id),
        token_hash text NOT NULL UNIQUE,
        sent_at timestamptz NOT NULL,
        answered_at timestamptz,
        running boolean,
        free_places integer CHECK (free_places IS NULL OR free_places >= 0),
        schedule text,
        note text,
        flagged_at timestamptz
      );
      CREATE INDEX offer_check_offer ON offer_check (offer_id, sent_at DESC);
      CREATE INDEX offer_check_unanswered ON offer_check (sent_at) WHERE answered_at IS NULL AND flagged_at IS NULL;

      ALTER TABLE offer ADD COLUMN check_overdue boolean NOT NULL DEFAULT false;
      ALTER TABLE municipality ADD COLUMN offer_check_months integer NOT NULL DEFAULT 6 CHECK (offer_check_months BETWEEN 1 AND 24);

      ALTER TABLE message
        ALTER COLUMN recipient_id DROP NOT NULL,
        ADD COLUMN recipient_email text,
        ADD COLUMN recipient_phone text,
        ADD COLUMN recipient_label text,
        ADD COLUMN text text,
        ADD COLUMN link text,
        ADD CONSTRAINT message_recipient_known CHECK (recipient_id IS NOT NULL OR recipient_label IS NOT NULL);

      UPDATE plan SET steps = (SELECT COALESCE(jsonb_agg(CASE WHEN s ? 'id' THEN s ELSE s || jsonb_build_object('id', gen_random_uuid()) END ORDER BY n), '[]')
                                 FROM jsonb_array_elements(steps) WITH ORDINALITY AS e(s, n));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE message DROP CONSTRAINT message_recipient_known, DROP COLUMN link, DROP COLUMN text, DROP COLUMN recipient_label,
        DROP COLUMN recipient_phone, DROP COLUMN recipient_email;
      DELETE FROM message WHERE recipient_id IS NULL;
      ALTER TABLE message ALTER COLUMN recipient_id SET NOT NULL;
      ALTER TABLE municipality DROP COLUMN offer_check_months;
      ALTER TABLE offer DROP COLUMN check_overdue;
      DROP TABLE offer_check;
      DROP TABLE handover;
      DROP TABLE companion;
      DROP TABLE host;
    `);
  }
}
