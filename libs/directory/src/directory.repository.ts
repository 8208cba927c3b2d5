import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { returnedRows } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';

export interface HostRow {
  id: string;
  offerId: string;
  name: string;
  email: string | null;
  phone: string | null;
  note: string | null;
}

/** What a hand-off or an offer check says about an offer. */
export interface OfferFacts {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  location: { name?: string; street?: string; postcode?: string; city?: string } | null;
  schedule: string | null;
  freePlaces: number | null;
  status: 'active' | 'paused';
}

export interface CompanionRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  areaIds: string[];
  languages: string[];
  availability: string | null;
  active: boolean;
}

const HOST_COLUMNS = 'id, offer_id AS "offerId", name, email, phone, note';
const COMPANION_COLUMNS = 'id, name, email, phone, area_ids AS "areaIds", languages, availability, active';

/** What a host of an offer may be written with (the columns a PATCH may set). */
type HostFields = Partial<Pick<HostRow, 'name' | 'email' | 'phone' | 'note'>>;
type CompanionFields = Partial<Omit<CompanionRow, 'id'>>;

const HOST_SET: Record<keyof HostFields, string> = { name: 'name', email: 'email', phone: 'phone', note: 'note' };
const COMPANION_SET: Record<keyof CompanionFields, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  areaIds: 'area_ids',
  languages: 'languages',
  availability: 'availability',
  active: 'active',
};

/**
 * SQL on the directory's people — `host` (værter of an offer) and `companion`
 * (følgevenner) — and the writes an offer check makes on `offer` (ADR 0020, 0026).
 * Every statement is scoped by municipality.
 */
@Injectable()
export class DirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async offerExists(m: EntityManager, municipalityId: string, offerId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>('SELECT 1 FROM offer WHERE id = $1 AND municipality_id = $2', [offerId, municipalityId]);
    return rows.length > 0;
  }

  async offerFacts(m: EntityManager, municipalityId: string, offerId: string): Promise<OfferFacts | null> {
    const [row] = await m.query<OfferFacts[]>(
      `SELECT o.id, o.name, o.organisation_id AS "organisationId", g.name AS "organisationName", o.location, o.schedule,
              o.free_places AS "freePlaces", o.status
         FROM offer o JOIN organisation g ON g.id = o.organisation_id WHERE o.id = $1 AND o.municipality_id = $2`,
      [offerId, municipalityId],
    );
    return row ?? null;
  }

  async insertHost(m: EntityManager, municipalityId: string, offerId: string, h: HostFields & { name: string }): Promise<HostRow> {
    const [row] = await m.query<HostRow[]>(
      `INSERT INTO host (municipality_id, offer_id, name, email, phone, note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${HOST_COLUMNS}`,
      [municipalityId, offerId, h.name, h.email ?? null, h.phone ?? null, h.note ?? null],
    );
    return row;
  }

  async hostsOfOffer(municipalityId: string, offerId: string): Promise<HostRow[]> {
    return this.dataSource.query<HostRow[]>(
      `SELECT ${HOST_COLUMNS} FROM host WHERE municipality_id = $1 AND offer_id = $2 AND removed_at IS NULL ORDER BY name, id`,
      [municipalityId, offerId],
    );
  }

  /** A current host, or null (removed hosts stay for the hand-offs that name them). */
  async host(m: EntityManager, municipalityId: string, hostId: string): Promise<HostRow | null> {
    const [row] = await m.query<HostRow[]>(
      `SELECT ${HOST_COLUMNS} FROM host WHERE id = $1 AND municipality_id = $2 AND removed_at IS NULL`,
      [hostId, municipalityId],
    );
    return row ?? null;
  }

  async updateHost(m: EntityManager, municipalityId: string, offerId: string, hostId: string, fields: HostFields): Promise<HostRow | null> {
    const { sets, values } = assignments(HOST_SET, fields, 4);
    const [row] = returnedRows<HostRow>(
      await m.query(
        `UPDATE host SET ${[...sets, 'updated_at = now()'].join(', ')}
        WHERE id = $1 AND municipality_id = $2 AND offer_id = $3 AND removed_at IS NULL RETURNING ${HOST_COLUMNS}`,
        [hostId, municipalityId, offerId, ...values],
      ),
    );
    return row ?? null;
  }

  async removeHost(m: EntityManager, municipalityId: string, offerId: string, hostId: string): Promise<boolean> {
    const rows = returnedRows(
      await m.query(
        `UPDATE host SET removed_at = now(), updated_at = now()
        WHERE id = $1 AND municipality_id = $2 AND offer_id = $3 AND removed_at IS NULL RETURNING id`,
        [hostId, municipalityId, offerId],
      ),
    );
    return rows.length > 0;
  }

  async insertCompanion(m: EntityManager, municipalityId: string, c: CompanionFields & { name: string }): Promise<CompanionRow> {
    const [row] = await m.query<CompanionRow[]>(
      `INSERT INTO companion (municipality_id, name, email, phone, area_ids, languages, availability, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COMPANION_COLUMNS}`,
      [
        municipalityId,
        c.name,
        c.email ?? null,
        c.phone ?? null,
        c.areaIds ?? [],
        c.languages ?? [],
        c.availability ?? null,
        c.active ?? true,
      ],
    );
    return row;
  }

  /** The municipality's følgevenner, or (with `areaIds`) those going along in one of the areas. */
  async companions(municipalityId: string, areaIds: string[] | null): Promise<CompanionRow[]> {
    return this.dataSource.query<CompanionRow[]>(
      `SELECT ${COMPANION_COLUMNS} FROM companion
        WHERE municipality_id = $1 AND ($2::uuid[] IS NULL OR area_ids && $2::uuid[]) ORDER BY name, id`,
      [municipalityId, areaIds],
    );
  }

  async companion(m: EntityManager, municipalityId: string, companionId: string): Promise<CompanionRow | null> {
    const [row] = await m.query<CompanionRow[]>(`SELECT ${COMPANION_COLUMNS} FROM companion WHERE id = $1 AND municipality_id = $2`, [
      companionId,
      municipalityId,
    ]);
    return row ?? null;
  }

  async updateCompanion(
    m: EntityManager,
    municipalityId: string,
    companionId: string,
    fields: CompanionFields,
  ): Promise<CompanionRow | null> {
    const { sets, values } = assignments(COMPANION_SET, fields, 3);
    const [row] = returnedRows<CompanionRow>(
      await m.query(
        `UPDATE companion SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 AND municipality_id = $2 RETURNING ${COMPANION_COLUMNS}`,
        [companionId, municipalityId, ...values],
      ),
    );
    return row ?? null;
  }

  /** An offer check answered: verified now, free places and schedule as told, paused when it no longer runs. */
  async confirmOffer(
    m: EntityManager,
    municipalityId: string,
    offerId: string,
    answer: { running: boolean; freePlaces?: number | null; schedule?: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE offer SET last_verified_at = now(), stale = false, check_overdue = false, updated_at = now(),
              status = CASE WHEN $3 THEN status ELSE 'paused' END,
              free_places = CASE WHEN $4 THEN $5::int ELSE free_places END,
              schedule = COALESCE($6, schedule)
        WHERE id = $1 AND municipality_id = $2`,
      [offerId, municipalityId, answer.running, answer.freePlaces !== undefined, answer.freePlaces ?? null, answer.schedule ?? null],
    );
  }

  /** Offers whose check went unanswered: flagged for the coordinators. */
  async flagCheckOverdue(m: EntityManager, offerIds: string[]): Promise<void> {
    if (offerIds.length === 0) return;
    await m.query('UPDATE offer SET check_overdue = true, updated_at = now() WHERE id = ANY($1::uuid[])', [offerIds]);
  }
}

/** `col = $n` for each field given (undefined leaves a column alone; null clears it). */
function assignments<F extends object>(columns: Record<keyof F, string>, fields: F, first: number) {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const key of Object.keys(columns) as (keyof F)[]) {
    if (fields[key] === undefined) continue;
    values.push(fields[key]);
    sets.push(`${columns[key]} = $${first + values.length - 1}`);
  }
  return { sets, values };
}
