import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@bro/auth';
import { ConflictError, isUniqueViolation, NotFoundError, OnJob, Page, returnedRows, RuleViolationError } from '@bro/platform';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { CreateOfferDto, CreateOrganisationDto, ListOffersQuery, UpdateOfferDto } from './dto/directory.dto';
import { Offer } from './offer.entity';
import { Organisation } from './organisation.entity';

export interface OfferSummary {
  id: string;
  name: string;
  status: 'active' | 'paused';
  freePlaces: number | null;
  companionAvailable: boolean;
  acceptsSpecialNeeds: boolean;
}

/** How long an entry may go unverified before it is flagged stale. */
const STALE_AFTER = '12 months';

/**
 * The directory of organisations and offers (Open Referral shaped: organization,
 * service at a location, schedule, contact). Coordinators write; everyone in the
 * municipality reads. Free places may be 0 — "no capacity" is a real answer — and
 * every entry shows when it was last verified.
 */
@Injectable()
export class DirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createOrganisation(actor: Actor, dto: CreateOrganisationDto) {
    try {
      const org = await this.dataSource.getRepository(Organisation).save({ ...dto, municipalityId: actor.municipalityId });
      return organisationView(org);
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('An organisation with that name already exists');
      throw err;
    }
  }

  async listOrganisations(actor: Actor): Promise<Page<ReturnType<typeof organisationView>>> {
    const rows = await this.dataSource
      .getRepository(Organisation)
      .find({ where: { municipalityId: actor.municipalityId }, order: { name: 'ASC' } });
    return { items: rows.map(organisationView), total: rows.length };
  }

  async createOffer(actor: Actor, dto: CreateOfferDto) {
    return this.dataSource.transaction(async (m) => {
      await this.assertReferences(m, actor.municipalityId, dto.organisationId, dto.areaId);
      const { verified: _, ...fields } = dto;
      try {
        const { id } = await m
          .getRepository(Offer)
          .save({ description: '', ...fields, municipalityId: actor.municipalityId, lastVerifiedAt: new Date(), stale: false });
        // Read back: the response shows what was stored, database defaults included.
        return offerView(await m.getRepository(Offer).findOneByOrFail({ id }));
      } catch (err) {
        if (isUniqueViolation(err)) throw new ConflictError('The organisation already has an offer with that name');
        throw err;
      }
    });
  }

  async updateOffer(actor: Actor, id: string, dto: UpdateOfferDto) {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Offer);
      const offer = await repo.findOne({ where: { id, municipalityId: actor.municipalityId }, lock: { mode: 'pessimistic_write' } });
      if (!offer) throw new NotFoundError('Offer not found');
      if (dto.areaId) await this.assertReferences(m, actor.municipalityId, offer.organisationId, dto.areaId);
      const { verified, ...fields } = dto;
      Object.assign(offer, fields);
      if (verified) Object.assign(offer, { lastVerifiedAt: new Date(), stale: false, checkOverdue: false });
      return offerView(await repo.save(offer));
    });
  }

  async getOffer(actor: Actor, id: string) {
    const offer = await this.dataSource.getRepository(Offer).findOneBy({ id, municipalityId: actor.municipalityId });
    if (!offer) throw new NotFoundError('Offer not found');
    return offerView(offer);
  }

  /** `GET /v1/offers?areaId=&category=&q=` — by name, paged. */
  async listOffers(actor: Actor, query: ListOffersQuery) {
    const qb = this.dataSource.getRepository(Offer).createQueryBuilder('o').where('o.municipality_id = :m', { m: actor.municipalityId });
    if (query.areaId) qb.andWhere('o.area_id = :areaId', { areaId: query.areaId });
    if (query.category) qb.andWhere('o.category = :category', { category: query.category });
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('o.name ILIKE :like', { like }).orWhere('o.description ILIKE :like', { like })));
    }
    const [rows, total] = await qb
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items: rows.map(offerView), total };
  }

  /** The maintenance sweep: offers not verified for a year are flagged stale. Returns how many were flagged. */
  @OnJob('maintenance.stale-offers')
  async flagStaleOffers(): Promise<number> {
    const rows = returnedRows(
      await this.dataSource.query(
        `UPDATE offer SET stale = true WHERE NOT stale AND last_verified_at < now() - interval '${STALE_AFTER}' RETURNING id`,
      ),
    );
    return rows.length;
  }

  /** What other modules (casework's plan) may read of offers. */
  async offerSummaries(m: EntityManager, municipalityId: string, ids: string[]): Promise<Map<string, OfferSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await m.getRepository(Offer).findBy({ municipalityId, id: In(ids) });
    return new Map(
      rows.map((o) => [
        o.id,
        {
          id: o.id,
          name: o.name,
          status: o.status,
          freePlaces: o.freePlaces,
          companionAvailable: o.companionAvailable,
          acceptsSpecialNeeds: o.acceptsSpecialNeeds,
        },
      ]),
    );
  }

  private async assertReferences(m: EntityManager, municipalityId: string, organisationId: string, areaId?: string | null): Promise<void> {
    if (!(await m.getRepository(Organisation).existsBy({ id: organisationId, municipalityId }))) {
      throw new RuleViolationError('organisationId: no organisation with that id in this municipality', { field: 'organisationId' });
    }
    if (areaId) {
      const [{ n }]: { n: number }[] = await m.query('SELECT count(*)::int AS n FROM area WHERE id = $1 AND municipality_id = $2', [
        areaId,
        municipalityId,
      ]);
      if (n === 0) throw new RuleViolationError('areaId: no area with that id in this municipality', { field: 'areaId' });
    }
  }
}

function organisationView(o: Organisation) {
  return { id: o.id, name: o.name, description: o.description, url: o.url, email: o.email, phone: o.phone };
}

function offerView(o: Offer) {
  return {
    id: o.id,
    organisationId: o.organisationId,
    name: o.name,
    description: o.description,
    category: o.category,
    areaId: o.areaId,
    location: o.location,
    schedule: o.schedule,
    contact: o.contact,
    acceptsSpecialNeeds: o.acceptsSpecialNeeds,
    companionAvailable: o.companionAvailable,
    freePlaces: o.freePlaces,
    noCapacity: o.freePlaces === 0,
    status: o.status,
    lastVerifiedAt: o.lastVerifiedAt,
    stale: o.stale,
    checkOverdue: o.checkOverdue,
  };
}
