import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthRepository } from './auth.repository';
import type { RecordKeeping } from './municipality.entity';

/** The usernames of municipalities' public doors (ADR 0030); no one else may take one. */
export const PUBLIC_DOOR_PREFIX = 'public.';

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

  /**
   * The municipality's public door (ADR 0030): the user a public referral is made by. It
   * is created inactive, so it can never sign in or be given a token; its organisation
   * kind puts public referrals in the council report's "citizen or relative" row.
   */
  async publicDoor(m: EntityManager, municipalityId: string): Promise<string> {
    return this.repository.publicDoor(m, municipalityId, PUBLIC_DOOR_PREFIX);
  }

  /** The municipalities a public referral may be sent to, by name (public: a list of public bodies). */
  async publicList(m: EntityManager): Promise<{ id: string; name: string }[]> {
    return this.repository.municipalityList(m);
  }

  /** The municipality's MedCom identity (ADR 0028): SOR code, GLN location number, name; null parts until set. */
  async medcomIdentity(m: EntityManager, municipalityId: string): Promise<{ sor: string | null; gln: string | null; name: string | null }> {
    return this.repository.medcomIdentity(m, municipalityId);
  }

  async exists(m: EntityManager, municipalityId: string): Promise<boolean> {
    return this.repository.municipalityExists(m, municipalityId);
  }
}
