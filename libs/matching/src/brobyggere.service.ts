import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, UpdateUserDto, UserAdminView, UsersService } from '@bro/auth';
import { addToOutbox, NotFoundError, Page, RuleViolationError } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CreateBrobyggerDto, UpdateBrobyggerDto } from './dto/brobygger.dto';
import { MatchingRepository } from './matching.repository';

export interface BrobyggerView {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  areaIds: string[];
  capacity: number;
  activeCases: number;
  languages: string[];
  absentFrom: string | null;
  absentTo: string | null;
  active: boolean;
}

/**
 * The coordinators' administration of brobyggere. Every change also writes a
 * `matching.brobygger-changed` outbox row: the worker then gives a deactivated
 * brobygger's cases back to the unassigned queue and matches waiting referrals
 * against the new capacity, areas or presence.
 */
@Injectable()
export class BrobyggereService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly repository: MatchingRepository,
  ) {}

  async create(actor: Actor, dto: CreateBrobyggerDto): Promise<BrobyggerView> {
    return this.dataSource.transaction(async (m) => {
      await this.assertAreas(m, actor.municipalityId, dto.areaIds);
      const user = await this.users.create(m, actor.municipalityId, {
        username: dto.username,
        displayName: dto.displayName,
        role: 'brobygger',
      });
      const id = await this.repository.insertBrobygger(m, {
        municipalityId: actor.municipalityId,
        userId: user.id,
        capacity: dto.capacity,
        languages: dto.languages ?? ['da'],
      });
      await this.setAreas(m, id, dto.areaIds);
      await this.announce(m, actor, id);
      return this.view(m, actor.municipalityId, id);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateBrobyggerDto): Promise<BrobyggerView> {
    return this.dataSource.transaction(async (m) => {
      const current = await this.repository.lockAbsence(m, actor.municipalityId, id);
      if (!current) throw new NotFoundError('Brobygger not found');
      const absentFrom = dto.absentFrom !== undefined ? dto.absentFrom : current.absent_from;
      const absentTo = dto.absentTo !== undefined ? dto.absentTo : current.absent_to;
      if (absentFrom && absentTo && absentTo < absentFrom)
        throw new RuleViolationError('absentTo must not be before absentFrom', { field: 'absentTo' });

      if (dto.capacity !== undefined) {
        // Lowering below the load is allowed: the excess is kept as overrun and no new case comes until below.
        await this.repository.setCapacity(m, id, dto.capacity);
      }
      if (dto.languages !== undefined) await this.repository.setLanguages(m, id, dto.languages);
      if (dto.active !== undefined) await this.repository.setActive(m, id, dto.active);
      await this.repository.setAbsence(m, id, absentFrom, absentTo);
      if (dto.areaIds !== undefined) {
        await this.assertAreas(m, actor.municipalityId, dto.areaIds);
        await this.repository.clearBrobyggerAreas(m, id);
        await this.setAreas(m, id, dto.areaIds);
      }
      await this.announce(m, actor, id);
      return this.view(m, actor.municipalityId, id);
    });
  }

  /**
   * `PATCH /v1/users/:id`. Users belong to auth; here because deactivating a person
   * who is a brobygger also stops their case work, in the same transaction: their
   * brobygger record goes inactive (no new cases, open ones back to the unassigned
   * queue, through the worker). Reactivating the user leaves that record inactive
   * until a coordinator sets it active again (ADR 0016).
   */
  async updateUser(actor: Actor, userId: string, dto: UpdateUserDto): Promise<UserAdminView> {
    return this.dataSource.transaction(async (m) => {
      const user = await this.users.update(m, actor, userId, dto);
      if (dto.active === false) {
        const stopped = await this.repository.deactivateUser(m, actor.municipalityId, userId);
        for (const b of stopped) await this.announce(m, actor, b.id);
      }
      return user;
    });
  }

  async list(actor: Actor): Promise<Page<BrobyggerView>> {
    const items = await this.select(this.dataSource.manager, actor.municipalityId);
    return { items, total: items.length };
  }

  private async assertAreas(m: EntityManager, municipalityId: string, areaIds: string[]): Promise<void> {
    if (areaIds.length === 0) return;
    if ((await this.repository.countAreas(m, municipalityId, areaIds)) !== areaIds.length)
      throw new RuleViolationError('areaIds holds an area that does not exist in this municipality', { field: 'areaIds' });
  }

  private async setAreas(m: EntityManager, brobyggerId: string, areaIds: string[]): Promise<void> {
    if (areaIds.length === 0) return;
    await this.repository.insertBrobyggerAreas(m, brobyggerId, areaIds);
  }

  private async announce(m: EntityManager, actor: Actor, brobyggerId: string): Promise<void> {
    await addToOutbox(m, 'matching.brobygger-changed', {
      brobyggerId,
      municipalityId: actor.municipalityId,
      requestId: actor.requestId,
      v: 1,
    });
  }

  private async view(m: EntityManager, municipalityId: string, id: string): Promise<BrobyggerView> {
    const [row] = await this.select(m, municipalityId, id);
    return row;
  }

  private async select(m: EntityManager, municipalityId: string, id?: string): Promise<BrobyggerView[]> {
    const rows = await this.repository.brobyggere(m, municipalityId, id);
    const profiles = await this.users.profiles(
      municipalityId,
      rows.map((r) => r.userId),
      m,
    );
    return rows.map((r) => ({
      ...r,
      username: profiles.get(r.userId)?.username ?? '',
      displayName: profiles.get(r.userId)?.displayName ?? '',
    }));
  }
}
