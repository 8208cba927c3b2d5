import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@bro/auth';
import { ConflictError, isUniqueViolation, NotFoundError, Page } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CreateAreaDto, UpdateAreaDto } from './dto/area.dto';

export interface AreaView {
  id: string;
  name: string;
  postcodes: string[];
}

/** The coordinators' areas (lokalområder) and the postcodes that route citizens to them. */
@Injectable()
export class AreasService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(actor: Actor, dto: CreateAreaDto): Promise<AreaView> {
    return this.dataSource.transaction(async (m) => {
      const [area]: { id: string }[] = await this.conflicts(() =>
        m.query('INSERT INTO area (municipality_id, name) VALUES ($1, $2) RETURNING id', [actor.municipalityId, dto.name]),
      );
      await this.setPostcodes(m, actor.municipalityId, area.id, dto.postcodes);
      return this.view(m, actor.municipalityId, area.id);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateAreaDto): Promise<AreaView> {
    return this.dataSource.transaction(async (m) => {
      const rows: unknown[] = await m.query('SELECT 1 FROM area WHERE id = $1 AND municipality_id = $2 FOR UPDATE', [
        id,
        actor.municipalityId,
      ]);
      if (rows.length === 0) throw new NotFoundError('Area not found');
      if (dto.name !== undefined) {
        await this.conflicts(() =>
          m.query('UPDATE area SET name = $3 WHERE id = $1 AND municipality_id = $2', [id, actor.municipalityId, dto.name]),
        );
      }
      if (dto.postcodes !== undefined) {
        await m.query('DELETE FROM area_postcode WHERE area_id = $1 AND municipality_id = $2', [id, actor.municipalityId]);
        await this.setPostcodes(m, actor.municipalityId, id, dto.postcodes);
      }
      return this.view(m, actor.municipalityId, id);
    });
  }

  async list(actor: Actor): Promise<Page<AreaView>> {
    const rows = await this.select(this.dataSource.manager, actor.municipalityId);
    return { items: rows, total: rows.length };
  }

  private async setPostcodes(m: EntityManager, municipalityId: string, areaId: string, postcodes: string[]): Promise<void> {
    if (postcodes.length === 0) return;
    const taken: { postcode: string }[] = await m.query(
      'SELECT postcode FROM area_postcode WHERE municipality_id = $1 AND postcode = ANY($2) AND area_id <> $3 ORDER BY postcode',
      [municipalityId, postcodes, areaId],
    );
    if (taken.length > 0) {
      throw new ConflictError(`Postcodes already belong to another area: ${taken.map((t) => t.postcode).join(', ')}`, {
        postcodes: taken.map((t) => t.postcode),
      });
    }
    await this.conflicts(() =>
      m.query('INSERT INTO area_postcode (municipality_id, postcode, area_id) SELECT $1, unnest($2::text[]), $3', [
        municipalityId,
        postcodes,
        areaId,
      ]),
    );
  }

  private async view(m: EntityManager, municipalityId: string, id: string): Promise<AreaView> {
    const [row] = await this.select(m, municipalityId, id);
    return row;
  }

  /** Areas of a municipality (or one of them) with their postcodes, by name. */
  private select(m: EntityManager, municipalityId: string, id?: string): Promise<AreaView[]> {
    return m.query(
      `SELECT a.id, a.name, COALESCE(array_agg(p.postcode ORDER BY p.postcode) FILTER (WHERE p.postcode IS NOT NULL), '{}') AS postcodes
         FROM area a LEFT JOIN area_postcode p ON p.area_id = a.id
        WHERE a.municipality_id = $1 AND ($2::uuid IS NULL OR a.id = $2)
        GROUP BY a.id ORDER BY a.name`,
      [municipalityId, id ?? null],
    );
  }

  /** A unique violation here is a name or postcode another area holds (also under a concurrent write). */
  private async conflicts<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (isUniqueViolation(err, 'area_municipality_id_name_key')) throw new ConflictError('An area with that name already exists');
      if (isUniqueViolation(err)) throw new ConflictError('A postcode already belongs to another area');
      throw err;
    }
  }
}
