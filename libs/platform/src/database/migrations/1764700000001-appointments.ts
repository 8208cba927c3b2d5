import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appointments (issue 17, ADR 0027): the municipality's meeting places, booked
 * conversations with a citizen, the brobygger's secret calendar feed (its token only as
 * a SHA-256 hash) and the reminder sent (or letter to print) for each booking. A moved
 * appointment is reminded again: the reminder row is keyed by the appointment and the
 * start it reminds of. The brobygger's work phone goes on the citizen's own copy of the plan.
 */
export class Appointments1764700000001 implements MigrationInterface {
  name = 'Appointments1764700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user ADD COLUMN work_phone text;
      CREATE TABLE meeting_place (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        name text NOT NULL,
        address text,
        accessible boolean NOT NULL DEFAULT false,
        note text,
        kind text NOT NULL DEFAULT 'venue' CHECK (kind IN ('venue', 'home', 'phone')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (municipality_id, name)
      );
      CREATE TABLE appointment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        referral_id uuid NOT NULL REFERENCES referral(id),
        brobygger_user_id uuid NOT NULL REFERENCES app_user(id),
        kind text NOT NULL CHECK (kind IN ('first', 'follow_up', 'phone')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        place_id uuid REFERENCES meeting_place(id),
        place_text text,
        note text,
        status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'held')),
        cancel_reason text,
        conversation_id uuid REFERENCES conversation(id),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (place_id IS NOT NULL OR place_text IS NOT NULL)
      );
      CREATE INDEX appointment_brobygger_time ON appointment (brobygger_user_id, starts_at) WHERE status <> 'cancelled';
      CREATE INDEX appointment_referral ON appointment (referral_id);
      CREATE INDEX appointment_booked_start ON appointment (starts_at) WHERE status = 'booked';
      CREATE TABLE calendar_token (
        user_id uuid PRIMARY KEY REFERENCES app_user(id),
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        token_sha256 text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE TABLE appointment_reminder (
        appointment_id uuid NOT NULL REFERENCES appointment(id),
        starts_at timestamptz NOT NULL,
        municipality_id uuid NOT NULL REFERENCES municipality(id),
        channel text NOT NULL CHECK (channel IN ('sms', 'letter')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (appointment_id, starts_at)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE appointment_reminder;
      DROP TABLE calendar_token;
      DROP TABLE appointment;
      DROP TABLE meeting_place;
      ALTER TABLE app_user DROP COLUMN work_phone;
    `);
  }
}
