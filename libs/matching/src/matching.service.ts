import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { returnedRows } from '@bro/platform';
import { EntityManager, In, Repository } from 'typeorm';
import { Area, AreaPostcode } from './area.entity';
import { Brobygger, BrobyggerArea } from './brobygger.entity';
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
    @InjectRepository(Area) private readonly areas: Repository<Area>,
    @InjectRepository(Brobygger) private readonly brobyggere: Repository<Brobygger>,
    @InjectRepository(BrobyggerArea) private readonly brobyggerAreas: Repository<BrobyggerArea>,
  ) {}

  /** Takes the caller's manager: called inside the matching transaction, it must not wait for a second connection. */
  async areaForPostcode(m: EntityManager, municipalityId: string, postcode: string): Promise<string | null> {
    const row = await m.getRepository(AreaPostcode).findOneBy({ municipalityId, postcode });
    return row?.areaId ?? null;
  }

  /** Pass the manager when calling inside a transaction, so no second connection is needed. */
  async areaNames(municipalityId: string, ids: string[], m?: EntityManager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await (m ? m.getRepository(Area) : this.areas).findBy({ municipalityId, id: In(ids) });
    return new Map(rows.map((a) => [a.id, a.name]));
  }

  /** The brobygger record of a user, with the areas they serve (none while inactive); null if they are none. */
  async brobyggerOfUser(municipalityId: string, userId: string, m?: EntityManager): Promise<(BrobyggerRef & { areaIds: string[] }) | null> {
    const b = await (m ? m.getRepository(Brobygger) : this.brobyggere).findOneBy({ municipalityId, userId });
    if (!b) return null;
    if (!b.active) return { id: b.id, userId: b.userId, areaIds: [] };
    const areas = await (m ? m.getRepository(BrobyggerArea) : this.brobyggerAreas).findBy({ brobyggerId: b.id });
    return { id: b.id, userId: b.userId, areaIds: areas.map((a) => a.areaId) };
  }

  async brobyggerRefs(municipalityId: string, ids: string[]): Promise<Map<string, BrobyggerRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.brobyggere.findBy({ municipalityId, id: In(ids) });
    return new Map(rows.map((b) => [b.id, { id: b.id, userId: b.userId }]));
  }

  /** Every brobygger attached to an area, with presence judged on today's date in the municipality's time zone. */
  async candidatesInArea(m: EntityManager, municipalityId: string, areaId: string): Promise<(Candidate & { userId: string })[]> {
    const rows: (Omit<Candidate, 'lastAssignedAt'> & { userId: string; lastAssignedAt: Date | null })[] = await m.query(
      `SELECT b.id, b.user_id AS "userId", b.capacity, b.active_cases AS "activeCases", b.languages,
              b.last_assigned_at AS "lastAssignedAt", b.active,
              NOT ((b.absent_from IS NOT NULL OR b.absent_to IS NOT NULL)
                   AND (b.absent_from IS NULL OR b.absent_from <= today.d)
                   AND (b.absent_to IS NULL OR b.absent_to >= today.d)) AS present
         FROM brobygger b
         JOIN brobygger_area ba ON ba.brobygger_id = b.id AND ba.area_id = $2
         JOIN municipality mu ON mu.id = b.municipality_id
         CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE mu.time_zone)::date AS d) today
        WHERE b.municipality_id = $1`,
      [municipalityId, areaId],
    );
    return rows;
  }

  /**
   * Takes one unit of capacity if there is room: one atomic statement, so concurrent
   * assigners can never push a brobygger over capacity (the CHECK is the backstop).
   */
  async takeCapacity(m: EntityManager, brobyggerId: string): Promise<boolean> {
    const rows = returnedRows(
      await m.query(
        `UPDATE brobygger SET active_cases = active_cases + 1, last_assigned_at = clock_timestamp()
          WHERE id = $1 AND active AND active_cases < capacity RETURNING id`,
        [brobyggerId],
      ),
    );
    return rows.length === 1;
  }

  /** Row locks on several brobyggere, always taken in id order (no lock-order deadlocks). */
  async lockBrobyggere(m: EntityManager, ids: string[]): Promise<void> {
    await m.query('SELECT id FROM brobygger WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE', [ids]);
  }

  /** Gives one unit back; the overrun kept from a capacity cut shrinks with it. */
  async releaseCapacity(m: EntityManager, brobyggerId: string): Promise<void> {
    await m.query(
      `UPDATE brobygger SET active_cases = active_cases - 1,
              capacity_overrun = GREATEST(LEAST(capacity_overrun, active_cases - 1 - capacity), 0)
        WHERE id = $1 AND active_cases > 0`,
      [brobyggerId],
    );
  }

  /** A brobygger of the municipality, for assignment decisions. */
  async brobyggerForAssignment(
    m: EntityManager,
    municipalityId: string,
    id: string,
  ): Promise<{ id: string; userId: string; active: boolean; areaIds: string[] } | null> {
    const rows: { id: string; userId: string; active: boolean; areaIds: string[] }[] = await m.query(
      `SELECT b.id, b.user_id AS "userId", b.active,
              COALESCE(array_agg(ba.area_id) FILTER (WHERE ba.area_id IS NOT NULL), '{}') AS "areaIds"
         FROM brobygger b LEFT JOIN brobygger_area ba ON ba.brobygger_id = b.id
        WHERE b.id = $1 AND b.municipality_id = $2 GROUP BY b.id`,
      [id, municipalityId],
    );
    return rows[0] ?? null;
  }
}
