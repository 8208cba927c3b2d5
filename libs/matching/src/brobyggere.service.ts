import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, UpdateUserDto, UserAdminView, UsersService } from '@bro/auth';
import { addToOutbox, NotFoundError, Page, returnedRows, RuleViolationError } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CreateBrobyggerDto, UpdateBrobyggerDto } from './dto/brobygger.dto';

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
  ) {}

  async create(actor: Actor, dto: CreateBrobyggerDto): Promise<BrobyggerView> {
    return this.dataSource.transaction(async (m) => {
      await this.assertAreas(m, actor.municipalityId, dto.areaIds);
      const user = await this.users.create(m, actor.municipalityId, {
        username: dto.username,
        displayName: dto.displayName,
        role: 'brobygger',
      });
      const [row]: { id: string }[] = await m.query(
        'INSERT INTO brobygger (municipality_id, user_id, capacity, languages) VALUES ($1, $2, $3, $4) RETURNING id',
        [actor.municipalityId, user.id, dto.capacity, dto.languages ?? ['da']],
      );
      await this.setAreas(m, row.id, dto.areaIds);
      await this.announce(m, actor, row.id);
      return this.view(m, actor.municipalityId, row.id);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateBrobyggerDto): Promise<BrobyggerView> {
    return this.dataSource.transaction(async (m) => {
      const current: { absent_from: string | null; absent_to: string | null }[] = await m.query(
        "SELECT to_char(absent_from, 'YYYY-MM-DD') AS absent_from, to_char(absent_to, 'YYYY-MM-DD') AS absent_to FROM brobygger WHERE id = $1 AND municipality_id = $2 FOR UPDATE",
        [id, actor.municipalityId],
      );
      if (current.length === 0) throw new NotFoundError('Brobygger not found');
      const absentFrom = dto.absentFrom !== undefined ? dto.absentFrom : current[0].absent_from;
      const absentTo = dto.absentTo !== undefined ? dto.absentTo : current[0].absent_to;
      if (absentFrom && absentTo && absentTo < absentFrom)
        throw new RuleViolationError('absentTo must not be before absentFrom', { field: 'absentTo' });

      if (dto.capacity !== undefined) {
        // Lowering below the load is allowed: the excess is kept as overrun and no new case comes until below.
        await m.query('UPDATE brobygger SET capacity = $2, capacity_overrun = GREATEST(active_cases - $2, 0) WHERE id = $1', [
          id,
          dto.capacity,
        ]);
      }
      if (dto.languages !== undefined) await m.query('UPDATE brobygger SET languages = $2 WHERE id = $1', [id, dto.languages]);
      if (dto.active !== undefined) await m.query('UPDATE brobygger SET active = $2 WHERE id = $1', [id, dto.active]);
      await m.query('UPDATE brobygger SET absent_from = $2, absent_to = $3 WHERE id = $1', [id, absentFrom, absentTo]);
      if (dto.areaIds !== undefined) {
        await this.assertAreas(m, actor.municipalityId, dto.areaIds);
        await m.query('DELETE FROM brobygger_area WHERE brobygger_id = $1', [id]);
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
        const stopped = returnedRows<{ id: string }>(
          await m.query('UPDATE brobygger SET active = false WHERE user_id = $1 AND municipality_id = $2 AND active RETURNING id', [
            userId,
            actor.municipalityId,
          ]),
        );
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
    const [{ n }]: { n: number }[] = await m.query('SELECT count(*)::int AS n FROM area WHERE municipality_id = $1 AND id = ANY($2)', [
      municipalityId,
      areaIds,
    ]);
    if (n !== areaIds.length)
      throw new RuleViolationError('areaIds holds an area that does not exist in this municipality', { field: 'areaIds' });
  }

  private async setAreas(m: EntityManager, brobyggerId: string, areaIds: string[]): Promise<void> {
    if (areaIds.length === 0) return;
    await m.query('INSERT INTO brobygger_area (brobygger_id, area_id) SELECT $1, unnest($2::uuid[])', [brobyggerId, areaIds]);
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
    const rows: Omit<BrobyggerView, 'username' | 'displayName'>[] = await m.query(
      `SELECT b.id, b.user_id AS "userId",
              COALESCE(array_agg(ba.area_id ORDER BY ba.area_id) FILTER (WHERE ba.area_id IS NOT NULL), '{}') AS "areaIds",
              b.capacity, b.active_cases AS "activeCases", b.languages,
              to_char(b.absent_from, 'YYYY-MM-DD') AS "absentFrom", to_char(b.absent_to, 'YYYY-MM-DD') AS "absentTo", b.active
         FROM brobygger b LEFT JOIN brobygger_area ba ON ba.brobygger_id = b.id
        WHERE b.municipality_id = $1 AND ($2::uuid IS NULL OR b.id = $2)
        GROUP BY b.id ORDER BY b.created_at, b.id`,
      [municipalityId, id ?? null],
    );
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
