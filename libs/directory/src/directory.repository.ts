import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MUNICIPALITY_SETTINGS } from '@bro/auth';
import { AREA_FACTS } from '@bro/matching';
import { returnedRows } from '@bro/platform';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import type { ListOffersQuery } from './dto/directory.dto';
import type { OfferContact, OfferLocation } from './offer.entity';
import { Offer } from './offer.entity';
import { Organisation } from './organisation.entity';

/** How long an entry may go unverified before it is flagged stale. */
const STALE_AFTER = '12 months';

/** Active, verified offers only: a paused or stale (unverified for a year) offer is not published. */
const PUBLISHED = "o.status = 'active' AND NOT o.stale";

/** The Open Referral filters on published offers. */
export interface PublishedOfferFilter {
  municipalityCode?: string;
  search?: string;
  modifiedAfter?: Date;
  organisationId?: string;
  category?: string;
}

/** A published offer with its organisation, as the Open Referral feed shows it. */
export interface OfferRow {
  id: string;
  name: string;
  description: string;
  category: string;
  location: OfferLocation | null;
  schedule: string | null;
  contact: OfferContact | null;
  last_verified_at: Date;
  updated_at: Date;
  /** The administrative area of the offer's address (HSDS `state_province`). */
  municipality_name: string;
  org_id: string;
  org_name: string;
  org_description: string | null;
  org_url: string | null;
  org_email: string | null;
}

const OFFER_SELECT = `
  SELECT o.id, o.name, o.description, o.category, o.location, o.schedule, o.contact, o.last_verified_at, o.updated_at,
         g.id AS org_id, g.name AS org_name, g.description AS org_description, g.url AS org_url, g.email AS org_email,
         m.name AS municipality_name
  FROM offer o JOIN organisation g ON g.id = o.organisation_id JOIN ${MUNICIPALITY_SETTINGS} m ON m.id = o.municipality_id`;

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
 * All SQL on the tables the directory lib owns — `organisation`, `offer`, `host` and
 * `companion` (ADR 0020, 0022, 0026). The municipality's code and an area's existence come from the read models the
 * auth and matching libs publish. Methods taking an `EntityManager` run in the caller's
 * transaction.
 */
@Injectable()
export class DirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async saveOrganisation(o: Partial<Organisation>): Promise<Organisation> {
    return this.dataSource.getRepository(Organisation).save(o);
  }

  async organisationsOf(municipalityId: string): Promise<Organisation[]> {
    return this.dataSource.getRepository(Organisation).find({ where: { municipalityId }, order: { name: 'ASC' } });
  }

  async organisationExists(m: EntityManager, id: string, municipalityId: string): Promise<boolean> {
    return m.getRepository(Organisation).existsBy({ id, municipalityId });
  }

  async areaExists(m: EntityManager, id: string, municipalityId: string): Promise<boolean> {
    const [{ n }]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM ${AREA_FACTS} a WHERE id = $1 AND municipality_id = $2`,
      [id, municipalityId],
    );
    return n > 0;
  }

  /** Inserts an offer and reads it back: the row as stored, database defaults included. */
  async insertOffer(m: EntityManager, o: Partial<Offer>): Promise<Offer> {
    const { id } = await m.getRepository(Offer).save(o);
    return m.getRepository(Offer).findOneByOrFail({ id });
  }

  async lockOffer(m: EntityManager, id: string, municipalityId: string): Promise<Offer | null> {
    return m.getRepository(Offer).findOne({ where: { id, municipalityId }, lock: { mode: 'pessimistic_write' } });
  }

  async saveOffer(m: EntityManager, offer: Offer): Promise<Offer> {
    return m.getRepository(Offer).save(offer);
  }

  async offer(id: string, municipalityId: string): Promise<Offer | null> {
    return this.dataSource.getRepository(Offer).findOneBy({ id, municipalityId });
  }

  async offersByIds(m: EntityManager, municipalityId: string, ids: string[]): Promise<Offer[]> {
    return m.getRepository(Offer).findBy({ municipalityId, id: In(ids) });
  }

  /** A page of the municipality's offers by name, in an area, of a category, or matching a text. */
  async listOffers(municipalityId: string, query: ListOffersQuery): Promise<[Offer[], number]> {
    const qb = this.dataSource.getRepository(Offer).createQueryBuilder('o').where('o.municipality_id = :m', { m: municipalityId });
    if (query.areaId) qb.andWhere('o.area_id = :areaId', { areaId: query.areaId });
    if (query.category) qb.andWhere('o.category = :category', { category: query.category });
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('o.name ILIKE :like', { like }).orWhere('o.description ILIKE :like', { like })));
    }
    return qb.orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').skip(query.offset).take(query.limit).getManyAndCount();
  }

  /** Flags the offers not verified for a year stale; how many. */
  async flagStale(): Promise<number> {
    return returnedRows(
      await this.dataSource.query(
        `UPDATE offer SET stale = true WHERE NOT stale AND last_verified_at < now() - interval '${STALE_AFTER}' RETURNING id`,
      ),
    ).length;
  }

  /**
   * A page of published offers, of one municipality (by code) or all, narrowed by the
   * Open Referral filters (free text, changed since, organisation, category), and how many there are.
   */
  async publishedOffers(filter: PublishedOfferFilter, limit: number, offset: number): Promise<{ rows: OfferRow[]; total: number }> {
    const params: unknown[] = [];
    const and: string[] = [PUBLISHED];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.municipalityCode) and.push(`m.code = ${param(filter.municipalityCode)}`);
    if (filter.organisationId) and.push(`o.organisation_id = ${param(filter.organisationId)}`);
    if (filter.category) and.push(`o.category = ${param(filter.category)}`);
    if (filter.modifiedAfter) and.push(`o.updated_at >= ${param(filter.modifiedAfter)}`);
    if (filter.search) {
      const like = param(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      and.push(`(o.name ILIKE ${like} OR o.description ILIKE ${like} OR g.name ILIKE ${like})`);
    }
    const where = and.join(' AND ');
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM offer o JOIN organisation g ON g.id = o.organisation_id
         JOIN ${MUNICIPALITY_SETTINGS} m ON m.id = o.municipality_id WHERE ${where}`,
      params,
    );
    const rows: OfferRow[] = await this.dataSource.query(
      `${OFFER_SELECT} WHERE ${where} ORDER BY o.name, o.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { rows, total };
  }

  async publishedOffer(id: string): Promise<OfferRow | undefined> {
    const rows: OfferRow[] = await this.dataSource.query(`${OFFER_SELECT} WHERE ${PUBLISHED} AND o.id = $1`, [id]);
    return rows[0];
  }

  /** An organisation with a published offer, and those offers (ids and names), or undefined. */
  async publishingOrganisation(id: string): Promise<
    | {
        org: { id: string; name: string; description: string | null; url: string | null; email: string | null };
        offers: { id: string; name: string }[];
      }
    | undefined
  > {
    const offers: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT o.id, o.name FROM offer o WHERE o.organisation_id = $1 AND ${PUBLISHED} ORDER BY o.name, o.id`,
      [id],
    );
    if (!offers.length) return undefined;
    const [org]: { id: string; name: string; description: string | null; url: string | null; email: string | null }[] =
      await this.dataSource.query('SELECT id, name, description, url, email FROM organisation WHERE id = $1', [id]);
    return org ? { org, offers } : undefined;
  }

  /** A page of the organisations with a published offer, of one municipality (by code) or all, and how many. */
  async publishingOrganisations(
    municipalityCode: string | undefined,
    limit: number,
    offset: number,
  ): Promise<{
    rows: { id: string; name: string; description: string | null; url: string | null; email: string | null }[];
    total: number;
  }> {
    const where = `EXISTS (SELECT 1 FROM offer o WHERE o.organisation_id = g.id AND ${PUBLISHED}) ${municipalityCode ? 'AND m.code = $1' : ''}`;
    const params = municipalityCode ? [municipalityCode] : [];
    const from = `FROM organisation g JOIN ${MUNICIPALITY_SETTINGS} m ON m.id = g.municipality_id`;
    const [{ total }]: { total: number }[] = await this.dataSource.query(`SELECT count(*)::int AS total ${from} WHERE ${where}`, params);
    const rows: { id: string; name: string; description: string | null; url: string | null; email: string | null }[] =
      await this.dataSource.query(
        `SELECT g.id, g.name, g.description, g.url, g.email ${from} WHERE ${where} ORDER BY g.name, g.id
       LIMIT ${limit} OFFSET ${offset}`,
        params,
      );
    return { rows, total };
  }

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
