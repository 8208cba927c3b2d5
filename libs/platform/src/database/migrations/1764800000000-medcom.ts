import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MedCom (issue 18, ADR 0028): the municipality's MedCom identity (SOR code, GLN location
 * number, the name it is known by), the referring clinics' SOR and GLN (`medcom_clinic`,
 * keyed by the organisation name the referrers of a clinic share), the `gateway` role of
 * the VANS gateway's system account, and the MedCom message ledger (`medcom_message`):
 * every message received or sent — CareCommunication and Acknowledgement — with what a
 * case's thread shows, and, outbound, the delivery state until the receiver's
 * Acknowledgement arrives. Owned by libs/medcom.
 */
export class Medcom1764800000000 implements MigrationInterface {
  name = 'Medcom1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE municipality
        ADD COLUMN medcom_sor text CHECK (medcom_sor ~ '^[0-9]{6,18}$'),
        ADD COLUMN medcom_gln text CHECK (medcom_gln ~ '^[0-9]{13}$'),
        ADD COLUMN medcom_name text CHECK (length(medcom_name) BETWEEN 1 AND 200);

      ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
      ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN ('referrer', 'brobygger', 'coordinator', 'gateway'));

      CREATE TABLE medcom_clinic (
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        -- The organisation its referrers carry (app_user.organisation): one clinic, many GPs.
        organisation text NOT NULL,
        sor text NOT NULL CHECK (sor ~ '^[0-9]{6,18}$'),
        gln text NOT NULL CHECK (gln ~ '^[0-9]{13}$'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (municipality_id, organisation)
      );

      CREATE TABLE medcom_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        direction text NOT NULL CHECK (direction IN ('in', 'out')),
        event text NOT NULL CHECK (event IN ('care-communication', 'acknowledgement')),
        -- MessageHeader.id: what an Acknowledgement answers, and what makes a duplicate.
        header_id text NOT NULL,
        content_hash text NOT NULL,
        version text,
        referral_id uuid REFERENCES referral(id),
        kind text CHECK (kind IN ('new', 'reply', 'forward')),
        category text,
        topic text,
        priority text,
        sender jsonb NOT NULL,
        recipient jsonb NOT NULL,
        segments jsonb NOT NULL DEFAULT '[]',
        attachments jsonb NOT NULL DEFAULT '[]',
        -- An inbound message no case was found for: who it is about, until a coordinator attaches it.
        patient_name text,
        cpr_hmac text,
        -- Outbound: the message as sent (the CPR is put in at delivery, never stored here).
        bundle jsonb,
        -- An Acknowledgement: the MessageHeader id it answers, and its code.
        answers text,
        -- Inbound: what Bro answered; outbound CareCommunication: what the receiver answered (null: waiting).
        ack_code text CHECK (ack_code IN ('ok', 'transient-error', 'fatal-error')),
        ack_detail text,
        delivery_status text CHECK (delivery_status IN ('pending', 'delivered', 'acknowledged', 'failed', 'invalid')),
        delivery_attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_error text,
        dedupe_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality_id, direction, header_id),
        UNIQUE (municipality_id, dedupe_key)
      );
      CREATE INDEX medcom_message_referral ON medcom_message (referral_id, created_at) WHERE referral_id IS NOT NULL;
      CREATE INDEX medcom_message_inbox ON medcom_message (municipality_id, created_at)
        WHERE referral_id IS NULL AND direction = 'in' AND event = 'care-communication';
      CREATE INDEX medcom_message_due ON medcom_message (next_attempt_at) WHERE delivery_status IN ('pending', 'delivered');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE medcom_message;
      DROP TABLE medcom_clinic;
      DELETE FROM app_user WHERE role = 'gateway';
      ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
      ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN ('referrer', 'brobygger', 'coordinator'));
      ALTER TABLE municipality DROP COLUMN medcom_sor, DROP COLUMN medcom_gln, DROP COLUMN medcom_name;
    `);
  }
}
