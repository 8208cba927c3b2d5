import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordKeeping } from './municipality.entity';

/**
 * The municipality settings other libs decide by (the auth lib owns the `municipality`
 * table, ADR 0020): read in the caller's transaction, one setting at a time.
 */
@Injectable()
export class MunicipalityFacts {
  /** The IANA time zone the municipality's working days are counted in. */
  async timeZone(m: EntityManager, municipalityId: string): Promise<string> {
    const [{ time_zone }]: { time_zone: string }[] = await m.query('SELECT time_zone FROM municipality WHERE id = $1', [municipalityId]);
    return time_zone;
  }

  /** Whether a withdrawn case is kept (restricted) rather than erased: `always`, `after_contact` or never. */
  async recordKeeping(m: EntityManager, municipalityId: string): Promise<RecordKeeping> {
    const [{ rule }]: { rule: RecordKeeping }[] = await m.query('SELECT record_keeping AS rule FROM municipality WHERE id = $1', [
      municipalityId,
    ]);
    return rule;
  }
}
