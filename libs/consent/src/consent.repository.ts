import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Consent } from './consent.entity';

/**
 * All reads and writes of `consent`, the table the consent lib owns (ADR 0020, 0022).
 * The history is append-only: rows are inserted, never changed.
 */
/**
 * What the state in force is folded from. Read with a fixed text, not TypeORM's find: a
 * milestone reads it for every referral, and building the find cost the worker more
 * than the round trip (issue 20).
 */
export type ConsentRow = Pick<Consent, 'referralId' | 'referralLinkId' | 'scope' | 'value'>;

@Injectable()
export class ConsentRepository {
  constructor(@InjectRepository(Consent) private readonly consents: Repository<Consent>) {}

  /**
   * Appends decisions to the history, in the caller's transaction: one statement of one
   * text however many decisions (TypeORM's insert builder cost intake more CPU than the
   * round trip, and wrote a new text per row count).
   */
  async insert(
    m: EntityManager,
    target: Pick<Consent, 'municipalityId' | 'citizenId' | 'referralId' | 'referralLinkId' | 'method' | 'capturedBy'>,
    decisions: Pick<Consent, 'scope' | 'value'>[],
  ): Promise<void> {
    if (decisions.length === 0) return;
    await m.query(
      `INSERT INTO consent (municipality_id, citizen_id, referral_id, referral_link_id, scope, value, method, captured_by)
       SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, d.scope, d.value, $5, $6::uuid FROM unnest($7::text[], $8::text[]) WITH ORDINALITY AS d(scope, value, n) ORDER BY d.n`,
      [
        target.municipalityId,
        target.citizenId,
        target.referralId,
        target.referralLinkId,
        target.method,
        target.capturedBy,
        decisions.map((d) => d.scope),
        decisions.map((d) => d.value),
      ],
    );
  }

  /** The rows each referral captured and later changes to it (not its links'), oldest first. */
  async ofReferrals(municipalityId: string, referralIds: string[], m: EntityManager = this.consents.manager): Promise<ConsentRow[]> {
    return m.query(
      `SELECT referral_id AS "referralId", referral_link_id AS "referralLinkId", scope, value FROM consent
        WHERE municipality_id = $1 AND referral_id = ANY($2) AND referral_link_id IS NULL ORDER BY id`,
      [municipalityId, referralIds],
    );
  }

  /** The rows each link captured, oldest first. */
  async ofLinks(municipalityId: string, linkIds: string[], m: EntityManager = this.consents.manager): Promise<ConsentRow[]> {
    return m.query(
      `SELECT referral_id AS "referralId", referral_link_id AS "referralLinkId", scope, value FROM consent
        WHERE municipality_id = $1 AND referral_link_id = ANY($2) ORDER BY id`,
      [municipalityId, linkIds],
    );
  }

  /** A citizen's whole history, oldest first. */
  async ofCitizen(municipalityId: string, citizenId: string): Promise<Consent[]> {
    return this.consents.find({ where: { municipalityId, citizenId }, order: { id: 'ASC' } });
  }
}
