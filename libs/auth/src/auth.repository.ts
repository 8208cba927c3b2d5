import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { returnedRows } from '@bro/platform';
import { EntityManager, In, Repository } from 'typeorm';
import type { RecordKeeping } from './municipality.entity';
import type { OrganisationKind } from './organisation-kinds';
import { User } from './user.entity';

/**
 * All SQL on the tables the auth lib owns — `app_user` and `municipality` (ADR 0020,
 * 0022). Other libs read them through `UsersService`, `MunicipalityFacts` or the read
 * models in `auth.read-models.ts`. Methods taking an `EntityManager` run in the
 * caller's transaction.
 */
@Injectable()
export class AuthRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** `m`: the caller's transaction, if it holds one (a read from the pool could wait for good). */
  async user(id: string, municipalityId: string, m?: EntityManager): Promise<User | null> {
    return (m ? m.getRepository(User) : this.users).findOneBy({ id, municipalityId });
  }

  /** The user, or TypeORM's not-found error (the caller's own row: it exists). */
  async userOrFail(id: string, municipalityId: string): Promise<User> {
    return this.users.findOneByOrFail({ id, municipalityId });
  }

  /** Runs `work` in one transaction. */
  async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.users.manager.transaction(work);
  }

  async activeUserNamed(username: string): Promise<User | null> {
    return this.users.findOneBy({ username, active: true });
  }

  /** Inserts a user; a taken username fails with the unique violation. */
  async insertUser(
    m: EntityManager,
    u: {
      municipalityId: string;
      username: string;
      displayName: string;
      role: string;
      organisation: string | null;
      organisationKind: OrganisationKind | null;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO app_user (municipality_id, username, display_name, role, organisation, organisation_kind)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [u.municipalityId, u.username, u.displayName, u.role, u.organisation, u.organisationKind],
    );
    return rows[0].id;
  }

  async usersOf(municipalityId: string): Promise<User[]> {
    return this.users.find({ where: { municipalityId }, order: { username: 'ASC' } });
  }

  /** Changes what is given of a user of the municipality; the row as it now is, or none. */
  async updateUser(
    m: EntityManager,
    id: string,
    municipalityId: string,
    change: { active: boolean | null; displayName: string | null; organisation: string | null },
  ): Promise<User[]> {
    return returnedRows<User>(
      await m.query(
        `UPDATE app_user SET active = COALESCE($3, active), display_name = COALESCE($4, display_name),
              organisation = COALESCE($5, organisation)
        WHERE id = $1 AND municipality_id = $2
          -- A municipality's public door never signs in (ADR 0030): it is not a user to change.
          AND username NOT LIKE 'public.%'
        RETURNING id, username, display_name AS "displayName", role, municipality_id AS "municipalityId", organisation, active`,
        [id, municipalityId, change.active, change.displayName, change.organisation],
      ),
    );
  }

  async profiles(municipalityId: string, ids: string[], m?: EntityManager): Promise<Pick<User, 'id' | 'username' | 'displayName'>[]> {
    const repo = m ? m.getRepository(User) : this.users;
    return repo.find({ select: { id: true, username: true, displayName: true }, where: { municipalityId, id: In(ids) } });
  }

  /** The municipality's identity and the settings named (`column AS "key"`). */
  async municipalitySettings(municipalityId: string, columns: Record<string, string>): Promise<Record<string, unknown> | undefined> {
    const rows: Record<string, unknown>[] = await this.users.manager.query(
      `SELECT id, code, name, ${Object.entries(columns)
        .map(([key, column]) => `${column} AS "${key}"`)
        .join(', ')} FROM municipality WHERE id = $1`,
      [municipalityId],
    );
    return rows[0];
  }

  /** Sets the named columns of the municipality's row (column names come from code, never from input). */
  async setMunicipalitySettings(municipalityId: string, values: [column: string, value: unknown][]): Promise<void> {
    await this.users.manager.query(
      `UPDATE municipality SET ${values.map(([column], i) => `${column} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [municipalityId, ...values.map(([, value]) => value)],
    );
  }

  async timeZone(m: EntityManager, municipalityId: string): Promise<string> {
    const [{ time_zone }]: { time_zone: string }[] = await m.query('SELECT time_zone FROM municipality WHERE id = $1', [municipalityId]);
    return time_zone;
  }

  async recordKeeping(m: EntityManager, municipalityId: string): Promise<RecordKeeping> {
    const [{ rule }]: { rule: RecordKeeping }[] = await m.query('SELECT record_keeping AS rule FROM municipality WHERE id = $1', [
      municipalityId,
    ]);
    return rule;
  }

  /** The municipality's public door (ADR 0030), created inactive on first use; never one of another municipality's. */
  async publicDoor(m: EntityManager, municipalityId: string, prefix: string): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO app_user (municipality_id, username, display_name, role, organisation_kind, active)
       VALUES ($1::uuid, $2::text || $1::uuid::text, 'Offentlig henvisning', 'referrer', 'citizen_or_relative', false)
       ON CONFLICT (username) DO UPDATE SET active = false WHERE app_user.municipality_id = EXCLUDED.municipality_id
       RETURNING id`,
      [municipalityId, prefix],
    );
    return id;
  }

  async municipalityList(m: EntityManager): Promise<{ id: string; name: string }[]> {
    return m.query('SELECT id, name FROM municipality ORDER BY name, id');
  }

  async medcomIdentity(m: EntityManager, municipalityId: string): Promise<{ sor: string | null; gln: string | null; name: string | null }> {
    const rows: { sor: string | null; gln: string | null; name: string | null }[] = await m.query(
      'SELECT medcom_sor AS sor, medcom_gln AS gln, COALESCE(medcom_name, name) AS name FROM municipality WHERE id = $1',
      [municipalityId],
    );
    return rows[0] ?? { sor: null, gln: null, name: null };
  }

  async municipalityExists(m: EntityManager, municipalityId: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM municipality WHERE id = $1', [municipalityId]);
    return rows.length > 0;
  }
}
