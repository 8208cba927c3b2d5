import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MatchingRepository } from './matching.repository';
import { Candidate } from './ranking';

export interface BrobyggerRef {
  id: string;
  userId: string;
}

/**
 * What other modules may know and do about areas and brobyggere (they never touch
 * these tables). The capacity methods take the caller's EntityManager: capacity is
 * taken and given back inside the transaction that assigns or releases the case.
 */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: MatchingRepository,
  ) {}

  /** Takes the caller's manager: called inside the matching transaction, it must not wait for a second connection. */
  async areaForPostcode(m: EntityManager, municipalityId: string, postcode: string): Promise<string | null> {
    return this.repository.areaOfPostcode(m, municipalityId, postcode);
  }

  /**
   * The municipalities whose areas cover a postcode — the public form's "find my
   * municipality" (ADR 0030): across tenants by design, it names public bodies only.
   */
  async municipalitiesOfPostcode(m: EntityManager, postcode: string): Promise<string[]> {
    return this.repository.municipalitiesOfPostcode(m, postcode);
  }

  /** Pass the manager when calling inside a transaction, so no second connection is needed. */
  async areaNames(municipalityId: string, ids: string[], m?: EntityManager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repository.areasByIds(m ?? this.dataSource.manager, municipalityId, ids);
    return new Map(rows.map((a) => [a.id, a.name]));
  }

  /** The brobygger record of a user, with the areas they serve (none while inactive); null if they are none. */
  async brobyggerOfUser(municipalityId: string, userId: string, m?: EntityManager): Promise<(BrobyggerRef & { areaIds: string[] }) | null> {
    const b = await this.repository.brobyggerOfUser(m ?? this.dataSource.manager, municipalityId, userId);
    if (!b) return null;
    if (!b.active) return { id: b.id, userId: b.userId, areaIds: [] };
    const areas = await this.repository.areasOfBrobygger(m ?? this.dataSource.manager, b.id);
    return { id: b.id, userId: b.userId, areaIds: areas.map((a) => a.areaId) };
  }

  /**
   * Locks a brobygger's row and returns their registered absence (local dates, inclusive):
   * whoever books their time holds the lock, so two bookings for one brobygger never pass
   * the clash check side by side. Null if they are no brobygger of the municipality.
   */
  async lockAbsence(
    m: EntityManager,
    municipalityId: string,
    brobyggerId: string,
  ): Promise<{ from: string | null; to: string | null } | null> {
    const row = await this.repository.lockAbsence(m, municipalityId, brobyggerId);
    return row ? { from: row.absent_from, to: row.absent_to } : null;
  }

  /** `m`: the caller's transaction, if it holds one (a read from the pool could wait for good). */
  async brobyggerRefs(
    municipalityId: string,
    ids: string[],
    m: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, BrobyggerRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repository.brobyggereByIds(m, municipalityId, ids);
    return new Map(rows.map((b) => [b.id, { id: b.id, userId: b.userId }]));
  }

  /** Every brobygger attached to an area, with presence judged on today's date in the municipality's time zone. */
  async candidatesInArea(m: EntityManager, municipalityId: string, areaId: string): Promise<(Candidate & { userId: string })[]> {
    return this.repository.candidatesInArea(m, municipalityId, areaId);
  }

  /**
   * Takes one unit of capacity if there is room: one atomic statement, so concurrent
   * assigners can never push a brobygger over capacity (the CHECK is the backstop).
   */
  takeCapacity(m: EntityManager, brobyggerId: string): Promise<boolean> {
    return this.repository.takeCapacity(m, brobyggerId);
  }

  /** The first of `ids` with room that no concurrent assignment holds: see the repository. */
  takeFirstFree(m: EntityManager, ids: string[]): Promise<string | null> {
    return this.repository.takeFirstFree(m, ids);
  }

  /** Row locks on several brobyggere, always taken in id order (no lock-order deadlocks). */
  lockBrobyggere(m: EntityManager, ids: string[]): Promise<void> {
    return this.repository.lockBrobyggere(m, ids);
  }

  /** Gives one unit back; the overrun kept from a capacity cut shrinks with it. */
  releaseCapacity(m: EntityManager, brobyggerId: string): Promise<void> {
    return this.repository.releaseCapacity(m, brobyggerId);
  }

  /** A brobygger of the municipality, for assignment decisions. */
  brobyggerForAssignment(
    m: EntityManager,
    municipalityId: string,
    id: string,
  ): Promise<{ id: string; userId: string; active: boolean; areaIds: string[] } | null> {
    return this.repository.brobyggerForAssignment(m, municipalityId, id);
  }
}
