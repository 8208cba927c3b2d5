import { ConsentMethod, ConsentScope } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@bro/auth';
import type { EntityManager } from 'typeorm';
import { ConsentRepository, type ConsentRow } from './consent.repository';
import { ConsentState, consentState } from './consent-scopes';

export interface ConsentDecision {
  scope: ConsentScope;
  value: string;
}

@Injectable()
export class ConsentService {
  constructor(private readonly consents: ConsentRepository) {}

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
    await this.consents.insert(
      manager,
      {
        municipalityId: actor.municipalityId,
        citizenId: target.citizenId,
        referralId: target.referralId,
        referralLinkId: target.referralLinkId ?? null,
        method,
        capturedBy: actor.userId,
      },
      decisions,
    );
  }

  /**
   * The consents in force per referral: those it captured and later changes to it (not
   * its links'). A caller inside a transaction passes its manager: a read from the pool
   * while holding a connection can wait for good once every connection is so held.
   */
  async stateOfReferrals(municipalityId: string, referralIds: string[], m?: EntityManager): Promise<Map<string, ConsentState>> {
    if (referralIds.length === 0) return new Map();
    const rows = await this.consents.ofReferrals(municipalityId, referralIds, m);
    return foldBy(referralIds, rows, (r) => r.referralId);
  }

  /** The consents captured by each link (a later referral that joined an open case). */
  async stateOfLinks(municipalityId: string, linkIds: string[], m?: EntityManager): Promise<Map<string, ConsentState>> {
    if (linkIds.length === 0) return new Map();
    const rows = await this.consents.ofLinks(municipalityId, linkIds, m);
    return foldBy(linkIds, rows, (r) => r.referralLinkId);
  }

  /** The whole history of one citizen's consents, oldest first. */
  async history(municipalityId: string, citizenId: string) {
    const rows = await this.consents.ofCitizen(municipalityId, citizenId);
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

function foldBy(ids: string[], rows: ConsentRow[], key: (row: ConsentRow) => string | null): Map<string, ConsentState> {
  // Grouped once (rows keep their order): a list page folds 50 cases' 250 rows, and a
  // filter per case read all of them 50 times (issue 20).
  const byKey = new Map<string | null, ConsentRow[]>();
  for (const r of rows) {
    const k = key(r);
    const group = byKey.get(k);
    if (group) group.push(r);
    else byKey.set(k, [r]);
  }
  const result = new Map<string, ConsentState>();
  for (const id of ids) result.set(id, consentState(byKey.get(id) ?? []));
  return result;
}
