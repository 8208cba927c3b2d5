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
  org_id: string;
  org_name: string;
  org_description: string | null;
  org_url: string | null;
  org_email: string | null;
}

const OFFER_SELECT = `
  SELECT o.id, o.name, o.description, o.category, o.location, o.schedule, o.contact, o.last_verified_at, o.updated_at,
         g.id AS org_id, g.name AS org_name, g.description AS org_description, g.url AS org_url, g.email AS org_email
  FROM offer o JOIN organisation g ON g.id = o.organisation_id JOIN ${MUNICIPALITY_SETTINGS} m ON m.id = o.municipality_id`;

/**
 * All SQL on the tables the directory lib owns — `organisation` and `offer` (ADR 0020,
 * 0022). The municipality's code and an area's existence come from the read models the
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

  /** A page of published offers, of one municipality (by code) or all, and how many there are. */
  async publishedOffers(municipalityCode: string | undefined, limit: number, offset: number): Promise<{ rows: OfferRow[]; total: number }> {
    const where = `${PUBLISHED} ${municipalityCode ? 'AND m.code = $1' : ''}`;
    const params = municipalityCode ? [municipalityCode] : [];
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM offer o JOIN ${MUNICIPALITY_SETTINGS} m ON m.id = o.municipality_id WHERE ${where}`,
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
}
