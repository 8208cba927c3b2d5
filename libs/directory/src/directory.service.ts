import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Offer } from './offer.entity';

export interface OfferSummary {
  id: string;
  name: string;
  status: 'active' | 'paused';
  freePlaces: number | null;
  companionAvailable: boolean;
  acceptsSpecialNeeds: boolean;
}

/** What other modules may read of the directory. */
@Injectable()
export class DirectoryService {
  async offerSummaries(m: EntityManager, municipalityId: string, ids: string[]): Promise<Map<string, OfferSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await m.getRepository(Offer).findBy({ municipalityId, id: In(ids) });
    return new Map(
      rows.map((o) => [
        o.id,
        {
          id: o.id,
          name: o.name,
          status: o.status,
          freePlaces: o.freePlaces,
          companionAvailable: o.companionAvailable,
          acceptsSpecialNeeds: o.acceptsSpecialNeeds,
        },
      ]),
    );
  }
}
