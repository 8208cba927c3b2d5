import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthRepository } from './auth.repository';
import type { RecordKeeping } from './municipality.entity';

/**
 * The municipality settings other libs decide by (the auth lib owns the `municipality`
 * table, ADR 0020): read in the caller's transaction, one setting at a time.
 */
@Injectable()
export class MunicipalityFacts {
  constructor(private readonly repository: AuthRepository) {}

  /** The IANA time zone the municipality's working days are counted in. */
  async timeZone(m: EntityManager, municipalityId: string): Promise<string> {
    return this.repository.timeZone(m, municipalityId);
  }

  /** Whether a withdrawn case is kept (restricted) rather than erased: `always`, `after_contact` or never. */
  async recordKeeping(m: EntityManager, municipalityId: string): Promise<RecordKeeping> {
    return this.repository.recordKeeping(m, municipalityId);
  }
}
