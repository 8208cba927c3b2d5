import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { returnedRows } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';

export interface PlaceRow {
  id: string;
  name: string;
  address: string | null;
  accessible: boolean;
  note: string | null;
  kind: 'venue' | 'home' | 'phone';
  active: boolean;
}

export interface AppointmentRow {
  id: string;
  municipalityId: string;
  referralId: string;
  brobyggerUserId: string;
  kind: 'first' | 'follow_up' | 'phone';
  startsAt: Date;
  endsAt: Date;
  placeId: string | null;
  placeName: string | null;
  placeAddress: string | null;
  placeKind: PlaceRow['kind'] | null;
  placeText: string | null;
  note: string | null;
  status: 'booked' | 'cancelled' | 'held';
  cancelReason: string | null;
  conversationId: string | null;
}

const PLACE_COLUMNS = 'id, name, address, accessible, note, kind, active';
const APPOINTMENT_COLUMNS = `a.id, a.municipality_id AS "municipalityId", a.referral_id AS "referralId", a.brobygger_user_id AS "brobyggerUserId",
  a.kind, a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.place_id AS "placeId", p.name AS "placeName", p.address AS "placeAddress", p.kind AS "placeKind",
  a.place_text AS "placeText", a.note, a.status, a.cancel_reason AS "cancelReason", a.conversation_id AS "conversationId"`;
const FROM_APPOINTMENT = 'appointment a LEFT JOIN meeting_place p ON p.id = a.place_id';

/**
 * All SQL on the appointment lib's tables (ADR 0020, 0027): meeting_place, appointment,
 * calendar_token and appointment_reminder.
 */
@Injectable()
export class AppointmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  places(municipalityId: string): Promise<PlaceRow[]> {
    return this.dataSource.query(`SELECT ${PLACE_COLUMNS} FROM meeting_place WHERE municipality_id = $1 ORDER BY active DESC, name, id`, [
      municipalityId,
    ]);
  }

  async place(m: EntityManager, municipalityId: string, id: string): Promise<PlaceRow | null> {
    const [row] = await m.query<PlaceRow[]>(`SELECT ${PLACE_COLUMNS} FROM meeting_place WHERE id = $1 AND municipality_id = $2`, [
      id,
      municipalityId,
    ]);
    return row ?? null;
  }

  /** Null when the municipality already has a place of that name. */
  async insertPlace(
    municipalityId: string,
    p: { name: string; address: string | null; accessible: boolean; note: string | null; kind: string },
  ): Promise<PlaceRow | null> {
    const [row] = await this.dataSource.query<PlaceRow[]>(
      `INSERT INTO meeting_place (municipality_id, name, address, accessible, note, kind) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (municipality_id, name) DO NOTHING RETURNING ${PLACE_COLUMNS}`,
      [municipalityId, p.name, p.address, p.accessible, p.note, p.kind],
    );
    return row ?? null;
  }

  /** Undefined fields stay; 'conflict' when the new name is taken, null when there is no such place. */
  async updatePlace(
    municipalityId: string,
    id: string,
    p: { name?: string; address?: string; accessible?: boolean; note?: string; active?: boolean },
  ): Promise<PlaceRow | null | 'conflict'> {
    const [clash] = p.name
      ? await this.dataSource.query<unknown[]>('SELECT 1 FROM meeting_place WHERE municipality_id = $1 AND name = $2 AND id <> $3', [
          municipalityId,
          p.name,
          id,
        ])
      : [];
    if (clash) return 'conflict';
    const rows = returnedRows<PlaceRow>(
      await this.dataSource.query(
        `UPDATE meeting_place SET name = COALESCE($3, name), address = COALESCE($4, address), accessible = COALESCE($5, accessible),
              note = COALESCE($6, note), active = COALESCE($7, active)
        WHERE id = $1 AND municipality_id = $2 RETURNING ${PLACE_COLUMNS}`,
        [id, municipalityId, p.name ?? null, p.address ?? null, p.accessible ?? null, p.note ?? null, p.active ?? null],
      ),
    );
    return rows[0] ?? null;
  }

  /** The brobygger's booked and held appointments overlapping [from, to), except `except`. */
  bookedBetween(m: EntityManager, brobyggerUserId: string, from: Date, to: Date, except: string | null): Promise<AppointmentRow[]> {
    return m.query(
      `SELECT ${APPOINTMENT_COLUMNS} FROM ${FROM_APPOINTMENT}
        WHERE a.brobygger_user_id = $1 AND a.status <> 'cancelled' AND a.starts_at < $3 AND a.ends_at > $2
          AND ($4::uuid IS NULL OR a.id <> $4) ORDER BY a.starts_at`,
      [brobyggerUserId, from, to, except],
    );
  }

  async insert(
    m: EntityManager,
    a: {
      municipalityId: string;
      referralId: string;
      brobyggerUserId: string;
      kind: string;
      startsAt: Date;
      endsAt: Date;
      placeId: string | null;
      placeText: string | null;
      note: string | null;
      createdBy: string;
    },
  ): Promise<string> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO appointment (municipality_id, referral_id, brobygger_user_id, kind, starts_at, ends_at, place_id, place_text, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [a.municipalityId, a.referralId, a.brobyggerUserId, a.kind, a.startsAt, a.endsAt, a.placeId, a.placeText, a.note, a.createdBy],
    );
    return row.id;
  }

  /** Locks one appointment of the municipality for a change. */
  async lock(m: EntityManager, municipalityId: string, id: string): Promise<AppointmentRow | null> {
    const [row] = await m.query<AppointmentRow[]>(
      `SELECT ${APPOINTMENT_COLUMNS} FROM ${FROM_APPOINTMENT} WHERE a.id = $1 AND a.municipality_id = $2 FOR UPDATE OF a`,
      [id, municipalityId],
    );
    return row ?? null;
  }

  async get(municipalityId: string, id: string, m: EntityManager = this.dataSource.manager): Promise<AppointmentRow | null> {
    const [row] = await m.query<AppointmentRow[]>(
      `SELECT ${APPOINTMENT_COLUMNS} FROM ${FROM_APPOINTMENT} WHERE a.id = $1 AND a.municipality_id = $2`,
      [id, municipalityId],
    );
    return row ?? null;
  }

  async move(
    m: EntityManager,
    id: string,
    a: { startsAt: Date; endsAt: Date; placeId: string | null; placeText: string | null; note: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE appointment SET starts_at = $2, ends_at = $3, place_id = $4, place_text = $5, note = $6, updated_at = clock_timestamp()
        WHERE id = $1`,
      [id, a.startsAt, a.endsAt, a.placeId, a.placeText, a.note],
    );
  }

  async cancel(m: EntityManager, id: string, reason: string): Promise<void> {
    await m.query("UPDATE appointment SET status = 'cancelled', cancel_reason = $2, updated_at = clock_timestamp() WHERE id = $1", [
      id,
      reason,
    ]);
  }

  async markHeld(m: EntityManager, id: string, conversationId: string): Promise<void> {
    await m.query("UPDATE appointment SET status = 'held', conversation_id = $2, updated_at = clock_timestamp() WHERE id = $1", [
      id,
      conversationId,
    ]);
  }

  /** Appointments starting in [from, to), of one brobygger or (null) the whole municipality, soonest first. */
  list(municipalityId: string, brobyggerUserId: string | null, from: Date, to: Date, limit = 1_000): Promise<AppointmentRow[]> {
    return this.dataSource.query(
      `SELECT ${APPOINTMENT_COLUMNS} FROM ${FROM_APPOINTMENT}
        WHERE a.municipality_id = $1 AND ($2::uuid IS NULL OR a.brobygger_user_id = $2) AND a.starts_at >= $3 AND a.starts_at < $4
        ORDER BY a.starts_at, a.status = 'cancelled', a.created_at, a.id LIMIT $5`,
      [municipalityId, brobyggerUserId, from, to, limit],
    );
  }

  /** A case's appointments, soonest first. */
  ofCase(municipalityId: string, referralId: string, m: EntityManager = this.dataSource.manager): Promise<AppointmentRow[]> {
    return m.query(
      `SELECT ${APPOINTMENT_COLUMNS} FROM ${FROM_APPOINTMENT} WHERE a.municipality_id = $1 AND a.referral_id = $2 ORDER BY a.starts_at, a.status = 'cancelled', a.created_at, a.id`,
      [municipalityId, referralId],
    );
  }

  /** The reminders decided for these appointments (at their current start). */
  async reminders(ids: string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, 'sms' | 'letter'>> {
    if (ids.length === 0) return new Map();
    const rows = await m.query<{ id: string; channel: 'sms' | 'letter' }[]>(
      `SELECT r.appointment_id AS id, r.channel FROM appointment_reminder r JOIN appointment a ON a.id = r.appointment_id AND a.starts_at = r.starts_at
        WHERE r.appointment_id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.channel]));
  }

  /** Booked appointments starting in [from, to) with no reminder for their current start yet (all municipalities). */
  unreminded(from: Date, to: Date, limit: number): Promise<{ id: string; municipalityId: string }[]> {
    return this.dataSource.query(
      `SELECT a.id, a.municipality_id AS "municipalityId" FROM appointment a
        WHERE a.status = 'booked' AND a.starts_at >= $1 AND a.starts_at < $2
          AND NOT EXISTS (SELECT 1 FROM appointment_reminder r WHERE r.appointment_id = a.id AND r.starts_at = a.starts_at)
        ORDER BY a.starts_at LIMIT $3`,
      [from, to, limit],
    );
  }

  /** Claims the reminder of an appointment at its current start; false if another run has. */
  async claimReminder(m: EntityManager, a: AppointmentRow, channel: 'sms' | 'letter'): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      `INSERT INTO appointment_reminder (appointment_id, starts_at, municipality_id, channel) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [a.id, a.startsAt, a.municipalityId, channel],
    );
    return rows.length > 0;
  }

  /** Erasure: the appointment's free text goes (the note, a place typed in, e.g. an address); times and kinds stay. */
  async erase(m: EntityManager, referralId: string): Promise<void> {
    await m.query(
      `UPDATE appointment SET note = NULL, cancel_reason = NULL,
              place_text = CASE WHEN place_text IS NULL THEN NULL ELSE '[slettet]' END WHERE referral_id = $1`,
      [referralId],
    );
  }

  async setCalendarToken(municipalityId: string, userId: string, sha256: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO calendar_token (user_id, municipality_id, token_sha256) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, created_at = clock_timestamp()`,
      [userId, municipalityId, sha256],
    );
  }

  async calendarOwner(sha256: string): Promise<{ userId: string; municipalityId: string } | null> {
    const [row] = await this.dataSource.query<{ userId: string; municipalityId: string }[]>(
      'SELECT user_id AS "userId", municipality_id AS "municipalityId" FROM calendar_token WHERE token_sha256 = $1',
      [sha256],
    );
    return row ?? null;
  }
}
