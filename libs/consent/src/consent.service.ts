import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor } from '@bro/auth';
import { EntityManager, In, Repository } from 'typeorm';
import { Consent } from './consent.entity';
import { ConsentMethod, ConsentScope, ConsentState, consentState } from './consent-scopes';

export interface ConsentDecision {
  scope: ConsentScope;
  value: string;
}

@Injectable()
export class ConsentService {
  constructor(@InjectRepository(Consent) private readonly consents: Repository<Consent>) {}

  /** Adds consent decisions to the history, in the caller's transaction. */
  async record(
    manager: EntityManager,
    actor: Actor,
    target: { citizenId: string; referralId: string },
    method: ConsentMethod,
    decisions: ConsentDecision[],
  ): Promise<void> {
    await manager.getRepository(Consent).insert(
      decisions.map((d) => ({
        municipalityId: actor.municipalityId,
        citizenId: target.citizenId,
        referralId: target.referralId,
        scope: d.scope,
        value: d.value,
        method,
        capturedBy: actor.userId,
      })),
    );
  }

  /** The consents in force per citizen. */
  async stateOf(municipalityId: string, citizenIds: string[]): Promise<Map<string, ConsentState>> {
    const result = new Map<string, ConsentState>();
    if (citizenIds.length === 0) return result;
    const rows = await this.consents.find({
      where: { municipalityId, citizenId: In(citizenIds) },
      order: { id: 'ASC' },
    });
    for (const id of citizenIds) result.set(id, consentState(rows.filter((r) => r.citizenId === id)));
    return result;
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
    }));
  }
}
