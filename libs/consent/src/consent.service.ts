import { ConsentMethod, ConsentScope } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor } from '@bro/auth';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { Consent } from './consent.entity';
import { ConsentState, consentState } from './consent-scopes';

export interface ConsentDecision {
  scope: ConsentScope;
  value: string;
}

@Injectable()
export class ConsentService {
  constructor(@InjectRepository(Consent) private readonly consents: Repository<Consent>) {}

  /**
   * Adds consent decisions to the history, in the caller's transaction. Consents belong
   * to the referral that captured them — or to the link, when a later referral of the
   * same clinic joined an open case (`referralLinkId`): they never change another's.
   */
  async record(
    manager: EntityManager,
    actor: Actor,
    target: { citizenId: string; referralId: string; referralLinkId?: string },
    method: ConsentMethod,
    decisions: ConsentDecision[],
  ): Promise<void> {
    await manager.getRepository(Consent).insert(
      decisions.map((d) => ({
        municipalityId: actor.municipalityId,
        citizenId: target.citizenId,
        referralId: target.referralId,
        referralLinkId: target.referralLinkId ?? null,
        scope: d.scope,
        value: d.value,
        method,
        capturedBy: actor.userId,
      })),
    );
  }

  /** The consents in force per referral: those it captured and later changes to it (not its links'). */
  async stateOfReferrals(municipalityId: string, referralIds: string[]): Promise<Map<string, ConsentState>> {
    if (referralIds.length === 0) return new Map();
    const rows = await this.consents.find({
      where: { municipalityId, referralId: In(referralIds), referralLinkId: IsNull() },
      order: { id: 'ASC' },
    });
    return foldBy(referralIds, rows, (r) => r.referralId);
  }

  /** The consents captured by each link (a later referral that joined an open case). */
  async stateOfLinks(municipalityId: string, linkIds: string[]): Promise<Map<string, ConsentState>> {
    if (linkIds.length === 0) return new Map();
    const rows = await this.consents.find({ where: { municipalityId, referralLinkId: In(linkIds) }, order: { id: 'ASC' } });
    return foldBy(linkIds, rows, (r) => r.referralLinkId);
  }

  /** The whole history of one citizen's consents, oldest first. */
  async history(municipalityId: string, citizenId: string) {
    const rows = await this.consents.find({ where: { municipalityId, citizenId }, order: { id: 'ASC' } });
    return rows.map((r) => ({
      scope: r.scope,
      value: r.scope === 'referrer_feedback' ? r.value : r.value === 'true',
      method: r.method,
      capturedBy: r.capturedBy,
      capturedAt: r.capturedAt,
      referralId: r.referralId,
      referralLinkId: r.referralLinkId,
    }));
  }
}

function foldBy(ids: string[], rows: Consent[], key: (row: Consent) => string | null): Map<string, ConsentState> {
  const result = new Map<string, ConsentState>();
  for (const id of ids) result.set(id, consentState(rows.filter((r) => key(r) === id)));
  return result;
}
