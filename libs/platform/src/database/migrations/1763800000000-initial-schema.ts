import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation schema. Every table that holds tenant data carries municipality_id;
 * the audit log is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE); the
 * outbox is where work waits until the relay has put it on a queue.
 */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE municipality (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        time_zone text NOT NULL DEFAULT 'Europe/Copenhagen',
        first_contact_working_days integer NOT NULL DEFAULT 3 CHECK (first_contact_working_days BETWEEN 1 AND 30),
        retention_years integer NOT NULL DEFAULT 5 CHECK (retention_years BETWEEN 1 AND 50),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('referrer', 'brobygger', 'coordinator')),
        organisation text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX app_user_municipality ON app_user (municipality_id);

      CREATE TABLE area (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality_id, name)
      );

      CREATE TABLE area_postcode (
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        postcode text NOT NULL CHECK (postcode ~ '^[0-9]{4}$'),
        area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
        PRIMARY KEY (municipality_id, postcode)
      );
      CREATE INDEX area_postcode_area ON area_postcode (area_id);

      CREATE TABLE brobygger (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        user_id uuid NOT NULL UNIQUE REFERENCES app_user(id),
        capacity integer NOT NULL CHECK (capacity BETWEEN 0 AND 500),
        active_cases integer NOT NULL DEFAULT 0 CHECK (active_cases >= 0),
        languages text[] NOT NULL DEFAULT '{da}',
        absent_from date,
        absent_to date,
        active boolean NOT NULL DEFAULT true,
        last_assigned_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (absent_to IS NULL OR absent_from IS NULL OR absent_to >= absent_from)
      );
      CREATE INDEX brobygger_municipality ON brobygger (municipality_id);

      CREATE TABLE brobygger_area (
        brobygger_id uuid NOT NULL REFERENCES brobygger(id) ON DELETE CASCADE,
        area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
        PRIMARY KEY (brobygger_id, area_id)
      );
      CREATE INDEX brobygger_area_area ON brobygger_area (area_id);

      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        name text NOT NULL,
        description text,
        url text,
        email text,
        phone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality_id, name)
      );

      CREATE TABLE offer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        category text NOT NULL,
        area_id uuid REFERENCES area(id),
        location jsonb,
        schedule text,
        contact jsonb,
        accepts_special_needs boolean NOT NULL DEFAULT false,
        companion_available boolean NOT NULL DEFAULT false,
        free_places integer CHECK (free_places IS NULL OR free_places >= 0),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
        last_verified_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality_id, organisation_id, name)
      );
      CREATE INDEX offer_municipality_area ON offer (municipality_id, area_id);

      -- The citizen. The CPR number is never stored in plain text: cpr_hmac (keyed
      -- HMAC-SHA256) finds the citizen, cpr_ciphertext (AES-256-GCM, key id beside it)
      -- lets the owner of the case see it masked. Personal columns are nullable so
      -- erasure can anonymise the row while ids stay valid.
      CREATE TABLE citizen (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        cpr_hmac text NOT NULL,
        cpr_ciphertext text,
        cpr_key_id text,
        name text,
        phone text,
        email text,
        street text,
        postcode text,
        city text,
        language text,
        contact_preferences jsonb NOT NULL DEFAULT '{}',
        erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality_id, cpr_hmac)
      );

      CREATE TABLE referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        citizen_id uuid NOT NULL REFERENCES citizen(id),
        referrer_id uuid NOT NULL REFERENCES app_user(id),
        referrer_organisation text,
        status text NOT NULL CHECK (status IN ('submitted', 'unassigned', 'assigned', 'contacted', 'active',
                                                'on_hold', 'completed', 'rejected', 'cancelled')),
        reasons text[] NOT NULL,
        note text,
        area_id uuid REFERENCES area(id),
        area_overridden boolean NOT NULL DEFAULT false,
        assignee_id uuid REFERENCES brobygger(id),
        previous_assignee_id uuid REFERENCES brobygger(id),
        unassigned_reason text,
        outcome text,
        summary text,
        summary_approved boolean NOT NULL DEFAULT false,
        needs_attention text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      );
      -- One open case per citizen: a second referral is linked, never duplicated.
      CREATE UNIQUE INDEX referral_one_open_per_citizen ON referral (citizen_id)
        WHERE status NOT IN ('completed', 'rejected', 'cancelled');
      CREATE INDEX referral_municipality_status ON referral (municipality_id, status, created_at);
      CREATE INDEX referral_assignee ON referral (assignee_id) WHERE assignee_id IS NOT NULL;
      CREATE INDEX referral_referrer ON referral (referrer_id);

      -- A later referral of a citizen who already has an open case.
      CREATE TABLE referral_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        referral_id uuid NOT NULL REFERENCES referral(id),
        referrer_id uuid NOT NULL REFERENCES app_user(id),
        referrer_organisation text,
        reasons text[] NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX referral_link_referral ON referral_link (referral_id);
      CREATE INDEX referral_link_referrer ON referral_link (referrer_id);

      CREATE TABLE referral_status_change (
        id bigserial PRIMARY KEY,
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        referral_id uuid NOT NULL REFERENCES referral(id),
        from_status text,
        to_status text NOT NULL,
        actor_id uuid,
        reason text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX referral_status_change_referral ON referral_status_change (referral_id, at);

      -- Consent history: rows are only ever added; the latest row per scope is in force.
      CREATE TABLE consent (
        id bigserial PRIMARY KEY,
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        citizen_id uuid NOT NULL REFERENCES citizen(id),
        referral_id uuid REFERENCES referral(id),
        scope text NOT NULL CHECK (scope IN ('referral', 'referrer_feedback', 'share_with_host', 'sms', 'statistics')),
        value text NOT NULL,
        method text NOT NULL CHECK (method IN ('verbal', 'written', 'digital')),
        captured_by uuid NOT NULL REFERENCES app_user(id),
        captured_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((scope = 'referrer_feedback' AND value IN ('none', 'status', 'summary'))
            OR (scope <> 'referrer_feedback' AND value IN ('true', 'false')))
      );
      CREATE INDEX consent_citizen_scope ON consent (citizen_id, scope, id DESC);

      -- Transactional outbox: written in the same transaction as the change it
      -- announces; the relay in the worker moves rows onto BullMQ after commit.
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        relayed_at timestamptz
      );
      CREATE INDEX outbox_pending ON outbox (created_at) WHERE relayed_at IS NULL;

      -- Append-only audit log. Ids, times and actions only: it survives erasure.
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        municipality_id uuid NOT NULL,
        user_id uuid,
        role text,
        action text NOT NULL,
        citizen_id uuid,
        referral_id uuid,
        purpose text,
        request_id text
      );
      CREATE INDEX audit_log_citizen ON audit_log (citizen_id, at) WHERE citizen_id IS NOT NULL;
      CREATE INDEX audit_log_referral ON audit_log (referral_id, at) WHERE referral_id IS NOT NULL;

      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

      -- Idempotency-Key: same user + same key -> the first response. The response
      -- holds ids and statuses only; request_hash is a keyed HMAC of the body.
      CREATE TABLE idempotency_key (
        user_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE idempotency_key;
      DROP TABLE audit_log;
      DROP FUNCTION audit_log_refuse_change();
      DROP TABLE outbox;
      DROP TABLE consent;
      DROP TABLE referral_status_change;
      DROP TABLE referral_link;
      DROP TABLE referral;
      DROP TABLE citizen;
      DROP TABLE offer;
      DROP TABLE organisation;
      DROP TABLE brobygger_area;
      DROP TABLE brobygger;
      DROP TABLE area_postcode;
      DROP TABLE area;
      DROP TABLE app_user;
      DROP TABLE municipality;
    `);
  }
}
