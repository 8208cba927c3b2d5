import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Area, AreaPostcode } from './area.entity';
import { Brobygger, BrobyggerArea } from './brobygger.entity';

export interface BrobyggerRef {
  id: string;
  userId: string;
}

/** Read access to areas and brobyggere for other modules (they never touch these tables). */
@Injectable()
export class MatchingService {
  constructor(
    @InjectRepository(Area) private readonly areas: Repository<Area>,
    @InjectRepository(AreaPostcode) private readonly postcodes: Repository<AreaPostcode>,
    @InjectRepository(Brobygger) private readonly brobyggere: Repository<Brobygger>,
    @InjectRepository(BrobyggerArea) private readonly brobyggerAreas: Repository<BrobyggerArea>,
  ) {}

  async areaForPostcode(municipalityId: string, postcode: string): Promise<string | null> {
    const row = await this.postcodes.findOneBy({ municipalityId, postcode });
    return row?.areaId ?? null;
  }

  async areaNames(municipalityId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.areas.findBy({ municipalityId, id: In(ids) });
    return new Map(rows.map((a) => [a.id, a.name]));
  }

  /** The brobygger record of a user, with the areas they serve; null if they are none. */
  async brobyggerOfUser(municipalityId: string, userId: string): Promise<(BrobyggerRef & { areaIds: string[] }) | null> {
    const b = await this.brobyggere.findOneBy({ municipalityId, userId });
    if (!b) return null;
    const areas = await this.brobyggerAreas.findBy({ brobyggerId: b.id });
    return { id: b.id, userId: b.userId, areaIds: areas.map((a) => a.areaId) };
  }

  async brobyggerRefs(municipalityId: string, ids: string[]): Promise<Map<string, BrobyggerRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.brobyggere.findBy({ municipalityId, id: In(ids) });
    return new Map(rows.map((b) => [b.id, { id: b.id, userId: b.userId }]));
  }
}
