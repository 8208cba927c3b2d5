import { Injectable } from '@nestjs/common';
import { MUNICIPALITY_SETTINGS } from '@bro/auth';
import { returnedRows } from '@bro/platform';
import { type EntityManager, In } from 'typeorm';
import { Area } from './area.entity';
import { Brobygger, BrobyggerArea } from './brobygger.entity';
import type { AreaView } from './areas.service';
import type { BrobyggerView } from './brobyggere.service';
import type { Candidate } from './ranking';

/**
 * All SQL on the matching lib's own tables (ADR 0020): area, area_postcode, brobygger,
 * brobygger_area, each in the caller's transaction (or on the manager it passes).
 * Other libs reach these tables through MatchingService, never here.
 */
@Injectable()
export class MatchingRepository {
  /** Across municipalities by design (the public form, ADR 0030): which municipalities' areas cover a postcode. */
  async municipalitiesOfPostcode(m: EntityManager, postcode: string): Promise<string[]> {
    const rows: { municipality_id: string }[] = await m.query('SELECT DISTINCT municipality_id FROM area_postcode WHERE postcode = $1', [
      postcode,
    ]);
    return rows.map((r) => r.municipality_id);
  }

  /** A fixed text, not TypeORM's findOneBy: matching asks it for every referral (issue 20). */
  async areaOfPostcode(m: EntityManager, municipalityId: string, postcode: string): Promise<string | null> {
    const [row]: { area_id: string }[] = await m.query('SELECT area_id FROM area_postcode WHERE municipality_id = $1 AND postcode = $2', [
      municipalityId,
      postcode,
    ]);
    return row?.area_id ?? null;
  }

  async areasByIds(m: EntityManager, municipalityId: string, ids: string[]): Promise<Area[]> {
    return m.getRepository(Area).findBy({ municipalityId, id: In(ids) });
  }

  async brobyggerOfUser(m: EntityManager, municipalityId: string, userId: string): Promise<Brobygger | null> {
    return m.getRepository(Brobygger).findOneBy({ municipalityId, userId });
  }

  async areasOfBrobygger(m: EntityManager, brobyggerId: string): Promise<BrobyggerArea[]> {
    return m.getRepository(BrobyggerArea).findBy({ brobyggerId });
  }

  async brobyggereByIds(m: EntityManager, municipalityId: string, ids: string[]): Promise<Brobygger[]> {
    return m.getRepository(Brobygger).findBy({ municipalityId, id: In(ids) });
  }

  /** Stops the user's active brobygger records; the ids stopped. */
  async deactivateUser(m: EntityManager, municipalityId: string, userId: string): Promise<{ id: string }[]> {
    return returnedRows<{ id: string }>(
      await m.query('UPDATE brobygger SET active = false WHERE user_id = $1 AND municipality_id = $2 AND active RETURNING id', [
        userId,
        municipalityId,
      ]),
    );
  }

  // ── Areas and postcodes ──

  async insertArea(m: EntityManager, municipalityId: string, name: string): Promise<string> {
    const [area]: { id: string }[] = await m.query('INSERT INTO area (municipality_id, name) VALUES ($1, $2) RETURNING id', [
      municipalityId,
      name,
    ]);
    return area.id;
  }

  /** Locks the area row; false if the municipality has no such area. */
  async lockArea(m: EntityManager, municipalityId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM area WHERE id = $1 AND municipality_id = $2 FOR UPDATE', [id, municipalityId]);
    return rows.length > 0;
  }

  async renameArea(m: EntityManager, municipalityId: string, id: string, name: string): Promise<void> {
    await m.query('UPDATE area SET name = $3 WHERE id = $1 AND municipality_id = $2', [id, municipalityId, name]);
  }

  async clearPostcodes(m: EntityManager, municipalityId: string, areaId: string): Promise<void> {
    await m.query('DELETE FROM area_postcode WHERE area_id = $1 AND municipality_id = $2', [areaId, municipalityId]);
  }

  /** Which of `postcodes` another area of the municipality already holds, sorted. */
  async postcodesTakenElsewhere(m: EntityManager, municipalityId: string, areaId: string, postcodes: string[]): Promise<string[]> {
    const taken: { postcode: string }[] = await m.query(
      'SELECT postcode FROM area_postcode WHERE municipality_id = $1 AND postcode = ANY($2) AND area_id <> $3 ORDER BY postcode',
      [municipalityId, postcodes, areaId],
    );
    return taken.map((t) => t.postcode);
  }

  async insertPostcodes(m: EntityManager, municipalityId: string, areaId: string, postcodes: string[]): Promise<void> {
    await m.query('INSERT INTO area_postcode (municipality_id, postcode, area_id) SELECT $1, unnest($2::text[]), $3', [
      municipalityId,
      postcodes,
      areaId,
    ]);
  }

  /** Areas of a municipality (or one of them) with their postcodes, by name. */
  areas(m: EntityManager, municipalityId: string, id?: string): Promise<AreaView[]> {
    return m.query(
      `SELECT a.id, a.name, COALESCE(array_agg(p.postcode ORDER BY p.postcode) FILTER (WHERE p.postcode IS NOT NULL), '{}') AS postcodes
         FROM area a LEFT JOIN area_postcode p ON p.area_id = a.id
        WHERE a.municipality_id = $1 AND ($2::uuid IS NULL OR a.id = $2)
        GROUP BY a.id ORDER BY a.name`,
      [municipalityId, id ?? null],
    );
  }

  /** How many of `areaIds` are areas of the municipality. */
  async countAreas(m: EntityManager, municipalityId: string, areaIds: string[]): Promise<number> {
    const [{ n }]: { n: number }[] = await m.query('SELECT count(*)::int AS n FROM area WHERE municipality_id = $1 AND id = ANY($2)', [
      municipalityId,
      areaIds,
    ]);
    return n;
  }

  // ── Brobyggere ──

  async insertBrobygger(
    m: EntityManager,
    b: { municipalityId: string; userId: string; capacity: number; languages: string[] },
  ): Promise<string> {
    const [row]: { id: string }[] = await m.query(
      'INSERT INTO brobygger (municipality_id, user_id, capacity, languages) VALUES ($1, $2, $3, $4) RETURNING id',
      [b.municipalityId, b.userId, b.capacity, b.languages],
    );
    return row.id;
  }

  /** Locks the brobygger row and returns its absence (dates as YYYY-MM-DD); null if none in the municipality. */
  async lockAbsence(
    m: EntityManager,
    municipalityId: string,
    id: string,
  ): Promise<{ absent_from: string | null; absent_to: string | null } | null> {
    const current: { absent_from: string | null; absent_to: string | null }[] = await m.query(
      "SELECT to_char(absent_from, 'YYYY-MM-DD') AS absent_from, to_char(absent_to, 'YYYY-MM-DD') AS absent_to FROM brobygger WHERE id = $1 AND municipality_id = $2 FOR UPDATE",
      [id, municipalityId],
    );
    return current[0] ?? null;
  }

  /** Lowering below the load is allowed: the excess is kept as overrun and no new case comes until below. */
  async setCapacity(m: EntityManager, id: string, capacity: number): Promise<void> {
    await m.query('UPDATE brobygger SET capacity = $2, capacity_overrun = GREATEST(active_cases - $2, 0) WHERE id = $1', [id, capacity]);
  }

  async setLanguages(m: EntityManager, id: string, languages: string[]): Promise<void> {
    await m.query('UPDATE brobygger SET languages = $2 WHERE id = $1', [id, languages]);
  }

  async setActive(m: EntityManager, id: string, active: boolean): Promise<void> {
    await m.query('UPDATE brobygger SET active = $2 WHERE id = $1', [id, active]);
  }

  async setAbsence(m: EntityManager, id: string, absentFrom: string | null, absentTo: string | null): Promise<void> {
    await m.query('UPDATE brobygger SET absent_from = $2, absent_to = $3 WHERE id = $1', [id, absentFrom, absentTo]);
  }

  async clearBrobyggerAreas(m: EntityManager, brobyggerId: string): Promise<void> {
    await m.query('DELETE FROM brobygger_area WHERE brobygger_id = $1', [brobyggerId]);
  }

  async insertBrobyggerAreas(m: EntityManager, brobyggerId: string, areaIds: string[]): Promise<void> {
    await m.query('INSERT INTO brobygger_area (brobygger_id, area_id) SELECT $1, unnest($2::uuid[])', [brobyggerId, areaIds]);
  }

  /** Brobyggere of a municipality (or one of them) with their areas, oldest first; names come from the auth lib. */
  brobyggere(m: EntityManager, municipalityId: string, id?: string): Promise<Omit<BrobyggerView, 'username' | 'displayName'>[]> {
    return m.query(
      `SELECT b.id, b.user_id AS "userId",
              COALESCE(array_agg(ba.area_id ORDER BY ba.area_id) FILTER (WHERE ba.area_id IS NOT NULL), '{}') AS "areaIds",
              b.capacity, b.active_cases AS "activeCases", b.languages,
              to_char(b.absent_from, 'YYYY-MM-DD') AS "absentFrom", to_char(b.absent_to, 'YYYY-MM-DD') AS "absentTo", b.active
         FROM brobygger b LEFT JOIN brobygger_area ba ON ba.brobygger_id = b.id
        WHERE b.municipality_id = $1 AND ($2::uuid IS NULL OR b.id = $2)
        GROUP BY b.id ORDER BY b.created_at, b.id`,
      [municipalityId, id ?? null],
    );
  }

  // ── Matching and capacity (MatchingService) ──

  /** Every brobygger attached to an area, with presence judged on today's date in the municipality's time zone. */
  candidatesInArea(
    m: EntityManager,
    municipalityId: string,
    areaId: string,
  ): Promise<(Omit<Candidate, 'lastAssignedAt'> & { userId: string; lastAssignedAt: Date | null })[]> {
    return m.query(
      `SELECT b.id, b.user_id AS "userId", b.capacity, b.active_cases AS "activeCases", b.languages,
              b.last_assigned_at AS "lastAssignedAt", b.active,
              NOT ((b.absent_from IS NOT NULL OR b.absent_to IS NOT NULL)
                   AND (b.absent_from IS NULL OR b.absent_from <= today.d)
                   AND (b.absent_to IS NULL OR b.absent_to >= today.d)) AS present
         FROM brobygger b
         JOIN brobygger_area ba ON ba.brobygger_id = b.id AND ba.area_id = $2
         -- The time zone in the same statement (issue 20: one read fewer per match).
         CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE mu.time_zone)::date AS d FROM ${MUNICIPALITY_SETTINGS} mu WHERE mu.id = $1) today
        WHERE b.municipality_id = $1`,
      [municipalityId, areaId],
    );
  }

  /** One atomic statement, so concurrent assigners can never push a brobygger over capacity (the CHECK is the backstop). */
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

  /**
   * Takes a unit of capacity from the first of `ids` (in that order) that has room and
   * that no other transaction is assigning to at this moment (SKIP LOCKED): concurrent
   * matchers spread over a ranking's peers instead of queueing on one row until the
   * first commits. Null when every one is full or busy; the caller then waits.
   */
  async takeFirstFree(m: EntityManager, ids: string[]): Promise<string | null> {
    const rows = returnedRows<{ id: string }>(
      await m.query(
        `UPDATE brobygger b SET active_cases = active_cases + 1, last_assigned_at = clock_timestamp()
          WHERE b.id = (SELECT c.id FROM brobygger c
                         WHERE c.id = ANY($1::uuid[]) AND c.active AND c.active_cases < c.capacity
                         ORDER BY array_position($1::uuid[], c.id) LIMIT 1
                           FOR NO KEY UPDATE SKIP LOCKED)
          RETURNING b.id`,
        [ids],
      ),
    );
    return rows[0]?.id ?? null;
  }

  async lockBrobyggere(m: EntityManager, ids: string[]): Promise<void> {
    await m.query('SELECT id FROM brobygger WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE', [ids]);
  }

  async releaseCapacity(m: EntityManager, brobyggerId: string): Promise<void> {
    await m.query(
      `UPDATE brobygger SET active_cases = active_cases - 1,
              capacity_overrun = GREATEST(LEAST(capacity_overrun, active_cases - 1 - capacity), 0)
        WHERE id = $1 AND active_cases > 0`,
      [brobyggerId],
    );
  }

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
