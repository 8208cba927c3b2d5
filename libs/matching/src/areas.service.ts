import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@bro/auth';
import { ConflictError, isUniqueViolation, NotFoundError, Page } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CreateAreaDto, UpdateAreaDto } from './dto/area.dto';
import { MatchingRepository } from './matching.repository';

export interface AreaView {
  id: string;
  name: string;
  postcodes: string[];
}

/** The coordinators' areas (lokalområder) and the postcodes that route citizens to them. */
@Injectable()
export class AreasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: MatchingRepository,
  ) {}

  async create(actor: Actor, dto: CreateAreaDto): Promise<AreaView> {
    return this.dataSource.transaction(async (m) => {
      const areaId = await this.conflicts(() => this.repository.insertArea(m, actor.municipalityId, dto.name));
      await this.setPostcodes(m, actor.municipalityId, areaId, dto.postcodes);
      return this.view(m, actor.municipalityId, areaId);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateAreaDto): Promise<AreaView> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.repository.lockArea(m, actor.municipalityId, id))) throw new NotFoundError('Area not found');
      if (dto.name !== undefined) {
        const name = dto.name;
        await this.conflicts(() => this.repository.renameArea(m, actor.municipalityId, id, name));
      }
      if (dto.postcodes !== undefined) {
        await this.repository.clearPostcodes(m, actor.municipalityId, id);
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
    const taken = await this.repository.postcodesTakenElsewhere(m, municipalityId, areaId, postcodes);
    if (taken.length > 0) {
      throw new ConflictError(`Postcodes already belong to another area: ${taken.join(', ')}`, {
        postcodes: taken,
      });
    }
    await this.conflicts(() => this.repository.insertPostcodes(m, municipalityId, areaId, postcodes));
  }

  private async view(m: EntityManager, municipalityId: string, id: string): Promise<AreaView> {
    const [row] = await this.select(m, municipalityId, id);
    return row;
  }

  /** Areas of a municipality (or one of them) with their postcodes, by name. */
  private select(m: EntityManager, municipalityId: string, id?: string): Promise<AreaView[]> {
    return this.repository.areas(m, municipalityId, id);
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
