import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@bro/auth';
import { MatchingService } from '@bro/matching';
import { ForbiddenError, NotFoundError, Page, RuleViolationError } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CompanionRow, DirectoryRepository, HostRow, OfferFacts } from './directory.repository';
import { CreateCompanionDto, CreateHostDto, UpdateCompanionDto, UpdateHostDto } from './dto/people.dto';

/** A host or følgeven as the hand-off needs them: whom to write to, and what to call them. */
export interface Recipient {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

/**
 * The people around offers (ADR 0026): hosts (værter) who receive citizens at an offer,
 * and følgevenner who go along to the first visit. Coordinators write; staff read —
 * brobyggere only the følgevenner of their own areas. They are volunteers, not users:
 * they never sign in, and reach Bro only through the links it mails them.
 */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DirectoryRepository,
    private readonly matching: MatchingService,
  ) {}

  /** `POST /v1/offers/:id/hosts` */
  async createHost(actor: Actor, offerId: string, dto: CreateHostDto): Promise<HostRow> {
    return this.dataSource.transaction(async (m) => {
      await this.assertOffer(m, actor.municipalityId, offerId);
      return this.repository.insertHost(m, actor.municipalityId, offerId, dto);
    });
  }

  /** `GET /v1/offers/:id/hosts` */
  async listHosts(actor: Actor, offerId: string): Promise<Page<HostRow>> {
    await this.assertOffer(this.dataSource.manager, actor.municipalityId, offerId);
    const items = await this.repository.hostsOfOffer(actor.municipalityId, offerId);
    return { items, total: items.length };
  }

  /** `PATCH /v1/offers/:id/hosts/:hostId` */
  async updateHost(actor: Actor, offerId: string, hostId: string, dto: UpdateHostDto): Promise<HostRow> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.repository.updateHost(m, actor.municipalityId, offerId, hostId, dto);
      if (!row) throw new NotFoundError('Host not found');
      return row;
    });
  }

  /** `DELETE /v1/offers/:id/hosts/:hostId`: gone from the offer; hand-offs already sent keep naming them. */
  async removeHost(actor: Actor, offerId: string, hostId: string): Promise<{ id: string; removed: true }> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.repository.removeHost(m, actor.municipalityId, offerId, hostId))) throw new NotFoundError('Host not found');
      return { id: hostId, removed: true as const };
    });
  }

  /** `POST /v1/companions` */
  async createCompanion(actor: Actor, dto: CreateCompanionDto): Promise<CompanionRow> {
    return this.dataSource.transaction(async (m) => {
      await this.assertAreas(m, actor.municipalityId, dto.areaIds);
      return this.repository.insertCompanion(m, actor.municipalityId, dto);
    });
  }

  /** `GET /v1/companions`: coordinators all, brobyggere those of their areas. */
  async listCompanions(actor: Actor): Promise<Page<CompanionRow>> {
    let areas: string[] | null = null;
    if (actor.role === 'brobygger') {
      areas = (await this.matching.brobyggerOfUser(actor.municipalityId, actor.userId))?.areaIds ?? [];
    } else if (actor.role !== 'coordinator') {
      throw new ForbiddenError('Only staff see følgevenner');
    }
    const items = await this.repository.companions(actor.municipalityId, areas);
    return { items, total: items.length };
  }

  /** `PATCH /v1/companions/:id` */
  async updateCompanion(actor: Actor, id: string, dto: UpdateCompanionDto): Promise<CompanionRow> {
    return this.dataSource.transaction(async (m) => {
      if (dto.areaIds) await this.assertAreas(m, actor.municipalityId, dto.areaIds);
      const row = await this.repository.updateCompanion(m, actor.municipalityId, id, dto);
      if (!row) throw new NotFoundError('Følgeven not found');
      return row;
    });
  }

  /** A current host of the offer (hand-offs and plan steps name one), else null. */
  async hostOfOffer(m: EntityManager, municipalityId: string, offerId: string, hostId: string): Promise<Recipient | null> {
    const host = await this.repository.host(m, municipalityId, hostId);
    return host && host.offerId === offerId ? host : null;
  }

  /** Any current host, whatever the offer (the offer check writes to one). */
  async host(m: EntityManager, municipalityId: string, hostId: string): Promise<(Recipient & { offerId: string }) | null> {
    return this.repository.host(m, municipalityId, hostId);
  }

  /** An active følgeven, else null. */
  async activeCompanion(m: EntityManager, municipalityId: string, companionId: string): Promise<Recipient | null> {
    const c = await this.repository.companion(m, municipalityId, companionId);
    return c?.active ? c : null;
  }

  /** The offer as a hand-off or an offer check shows it: name, organisation, place, schedule. */
  async offerFacts(m: EntityManager, municipalityId: string, offerId: string): Promise<OfferFacts | null> {
    return this.repository.offerFacts(m, municipalityId, offerId);
  }

  /** An offer check was answered: verified now; "not running" pauses the offer. */
  async confirmOffer(
    m: EntityManager,
    municipalityId: string,
    offerId: string,
    answer: { running: boolean; freePlaces?: number | null; schedule?: string | null },
  ): Promise<void> {
    await this.repository.confirmOffer(m, municipalityId, offerId, answer);
  }

  /** Offer checks went unanswered for too long: the coordinators see these offers flagged. */
  async flagCheckOverdue(m: EntityManager, offerIds: string[]): Promise<void> {
    await this.repository.flagCheckOverdue(m, offerIds);
  }

  private async assertOffer(m: EntityManager, municipalityId: string, offerId: string): Promise<void> {
    if (!(await this.repository.offerExists(m, municipalityId, offerId))) throw new NotFoundError('Offer not found');
  }

  private async assertAreas(m: EntityManager, municipalityId: string, areaIds: string[]): Promise<void> {
    const known = await this.matching.areaNames(municipalityId, areaIds, m);
    const unknown = areaIds.filter((id) => !known.has(id));
    if (unknown.length)
      throw new RuleViolationError('areaIds: no area with that id in this municipality', { field: 'areaIds', areaIds: unknown });
  }
}
