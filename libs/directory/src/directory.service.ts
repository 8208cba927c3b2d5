import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@bro/auth';
import { Clock, ConflictError, isUniqueViolation, NotFoundError, OnJob, Page, RuleViolationError } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { DirectoryRepository } from './directory.repository';
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

/**
 * The directory of organisations and offers (Open Referral shaped: organization,
 * service at a location, schedule, contact). Coordinators write; everyone in the
 * municipality reads. Free places may be 0 — "no capacity" is a real answer — and
 * every entry shows when it was last verified.
 */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryRepository,
    private readonly clock: Clock,
  ) {}

  async createOrganisation(actor: Actor, dto: CreateOrganisationDto) {
    try {
      const org = await this.directory.saveOrganisation({ ...dto, municipalityId: actor.municipalityId });
      return organisationView(org);
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('An organisation with that name already exists');
      throw err;
    }
  }

  async listOrganisations(actor: Actor): Promise<Page<ReturnType<typeof organisationView>>> {
    const rows = await this.directory.organisationsOf(actor.municipalityId);
    return { items: rows.map(organisationView), total: rows.length };
  }

  async createOffer(actor: Actor, dto: CreateOfferDto) {
    return this.dataSource.transaction(async (m) => {
      await this.assertReferences(m, actor.municipalityId, dto.organisationId, dto.areaId);
      const { verified: _, ...fields } = dto;
      try {
        // Read back: the response shows what was stored, database defaults included.
        return offerView(
          await this.directory.insertOffer(m, {
            description: '',
            ...fields,
            municipalityId: actor.municipalityId,
            lastVerifiedAt: this.clock.now(),
            stale: false,
          }),
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw new ConflictError('The organisation already has an offer with that name');
        throw err;
      }
    });
  }

  async updateOffer(actor: Actor, id: string, dto: UpdateOfferDto) {
    return this.dataSource.transaction(async (m) => {
      const offer = await this.directory.lockOffer(m, id, actor.municipalityId);
      if (!offer) throw new NotFoundError('Offer not found');
      if (dto.areaId) await this.assertReferences(m, actor.municipalityId, offer.organisationId, dto.areaId);
      const { verified, ...fields } = dto;
      Object.assign(offer, fields);
      if (verified) Object.assign(offer, { lastVerifiedAt: this.clock.now(), stale: false, checkOverdue: false });
      return offerView(await this.directory.saveOffer(m, offer));
    });
  }

  async getOffer(actor: Actor, id: string) {
    const offer = await this.directory.offer(id, actor.municipalityId);
    if (!offer) throw new NotFoundError('Offer not found');
    return offerView(offer);
  }

  /** `GET /v1/offers?areaId=&category=&q=` — by name, paged. */
  async listOffers(actor: Actor, query: ListOffersQuery) {
    const [rows, total] = await this.directory.listOffers(actor.municipalityId, query);
    return { items: rows.map(offerView), total };
  }

  /** The maintenance sweep: offers not verified for a year are flagged stale. Returns how many were flagged. */
  @OnJob('maintenance.stale-offers')
  async flagStaleOffers(): Promise<number> {
    return this.directory.flagStale();
  }

  /** What other modules (casework's plan) may read of offers. */
  async offerSummaries(m: EntityManager, municipalityId: string, ids: string[]): Promise<Map<string, OfferSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.directory.offersByIds(m, municipalityId, ids);
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

  /** Where each offer meets, as one line ("Havehuset, Havevej 1, 4000 Roskilde"); offers without a place are absent. */
  async offerPlaces(m: EntityManager, municipalityId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.directory.offersByIds(m, municipalityId, ids);
    const line = (l: Offer['location']) =>
      l ? [l.name, l.street, [l.postcode, l.city].filter(Boolean).join(' ')].filter((part) => !!part).join(', ') : '';
    return new Map(rows.map((o) => [o.id, line(o.location)] as const).filter(([, place]) => place !== ''));
  }

  private async assertReferences(m: EntityManager, municipalityId: string, organisationId: string, areaId?: string | null): Promise<void> {
    if (!(await this.directory.organisationExists(m, organisationId, municipalityId))) {
      throw new RuleViolationError('organisationId: no organisation with that id in this municipality', {
        field: 'organisationId',
        code: 'unknown_reference',
      });
    }
    if (areaId) {
      if (!(await this.directory.areaExists(m, areaId, municipalityId)))
        throw new RuleViolationError('areaId: no area with that id in this municipality', { field: 'areaId', code: 'unknown_reference' });
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
