import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { Consent } from './consent.entity';

/**
 * All reads and writes of `consent`, the table the consent lib owns (ADR 0020, 0022).
 * The history is append-only: rows are inserted, never changed.
 */
@Injectable()
export class ConsentRepository {
  constructor(@InjectRepository(Consent) private readonly consents: Repository<Consent>) {}

  /** Appends decisions to the history, in the caller's transaction. */
  async insert(m: EntityManager, rows: Partial<Consent>[]): Promise<void> {
    await m.getRepository(Consent).insert(rows);
  }

  /** The rows each referral captured and later changes to it (not its links'), oldest first. */
  async ofReferrals(municipalityId: string, referralIds: string[]): Promise<Consent[]> {
    return this.consents.find({ where: { municipalityId, referralId: In(referralIds), referralLinkId: IsNull() }, order: { id: 'ASC' } });
  }

  /** The rows each link captured, oldest first. */
  async ofLinks(municipalityId: string, linkIds: string[]): Promise<Consent[]> {
    return this.consents.find({ where: { municipalityId, referralLinkId: In(linkIds) }, order: { id: 'ASC' } });
  }

  /** A citizen's whole history, oldest first. */
  async ofCitizen(municipalityId: string, citizenId: string): Promise<Consent[]> {
    return this.consents.find({ where: { municipalityId, citizenId }, order: { id: 'ASC' } });
  }
}
