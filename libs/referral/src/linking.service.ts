import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEvent, AuditService } from '@bro/audit';
import type { Actor } from '@bro/auth';
import { referrerView } from '@bro/consent';
import { MatchingService } from '@bro/matching';
import { addToOutbox, ConflictError, NotFoundError, transactionWithRetry } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CaseService } from './case.service';
import { lockReferral } from './case-lock';
import { DuplicateDecisionDto, ReportedDetailsDecisionDto } from './dto/linking.dto';
import { ReferralRepository } from './referral.repository';
import { referrerFacts } from './referrer-facts';

/**
 * Staff's decisions on what a later referral brought (ADR 0014): whether another
 * clinic's referral held as a possible duplicate belongs with the citizen's open case,
 * and whether details a later referral reported replace the citizen's.
 */
@Injectable()
export class LinkingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReferralRepository,
    private readonly cases: CaseService,
    private readonly matching: MatchingService,
    private readonly audit: AuditService,
  ) {}

  /**
   * `POST /v1/referrals/:id/duplicate` — a coordinator, or the brobygger assigned to the
   * case it may duplicate (anyone else: 404). Confirm: the referral is linked to the
   * citizen's open case (its referrer from then on hears that case's milestones at
   * their own consent level, under their own id); with no case open any more, it is
   * routed as a new case, like any new referral. Reject: closed as rejected. Only a
   * possible duplicate is decided (409 otherwise, naming its status).
   */
  async decideDuplicate(actor: Actor, referralId: string, dto: DuplicateDecisionDto) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const found = await this.repository.duplicateFacts(m, actor.municipalityId, referralId);
      if (!found) throw notFound();
      // The citizen first, as intake does: a decision and a new referral of the citizen take turns.
      await this.repository.lockCitizen(m, found.citizenId);
      const r = await lockReferral(m, actor.municipalityId, referralId);
      if (!r) throw notFound();
      // Read again under the locks: only a decision (holding them too) changes it.
      const duplicateOf = (await this.repository.duplicateFacts(m, actor.municipalityId, referralId))!.duplicateOf;
      if (!(await this.mayDecide(m, actor, r.restricted_at !== null, duplicateOf))) throw notFound();
      if (r.status !== 'possible_duplicate' || !duplicateOf) {
        throw new ConflictError(`The referral is ${r.status}; only a possible duplicate is confirmed or rejected`, {
          currentStatus: r.status,
        });
      }
      const note = dto.note ?? null;
      const events: AuditEvent[] = [{ action: 'referral.duplicate', citizenId: r.citizen_id, referralId: r.id, purpose: dto.decision }];

      if (dto.decision === 'reject') {
        await this.cases.transition(m, actor, r, 'rejected', 'not_a_duplicate');
        await this.repository.recordDuplicateDecision(m, r.id, { decision: 'rejected', decidedBy: actor.userId, note, duplicateOf });
        await this.repository.decideDetails(m, { referralId: r.id }, 'ignored', actor.userId);
        await this.audit.record(m, actor, events);
        return { id: r.id, status: r.status, decision: dto.decision };
      }

      const open = await this.repository.openCaseOf(m, r.citizen_id);
      if (!open) {
        // No case open any more: a new referral of a citizen without one — routed, and its details are the freshest.
        await this.cases.transition(m, actor, r, 'submitted');
        await this.repository.recordDuplicateDecision(m, r.id, { decision: 'confirmed', decidedBy: actor.userId, note, duplicateOf });
        const details = await this.repository.undecidedDetailsOf(m, r.id);
        for (const d of details) await this.repository.applyDetails(m, r.citizen_id, d);
        if (details.length) {
          await this.repository.decideDetails(m, { referralId: r.id }, 'accepted', actor.userId);
          events.push({ action: 'citizen.update', citizenId: r.citizen_id, referralId: r.id, purpose: 'reported_details' });
        }
        await addToOutbox(m, 'matching.match', { referralId: r.id, municipalityId: r.municipality_id, requestId: actor.requestId, v: 1 });
        await this.audit.record(m, actor, events);
        return { id: r.id, status: r.status, decision: dto.decision };
      }

      await this.cases.transition(m, actor, r, 'linked');
      await this.repository.recordDuplicateDecision(m, r.id, {
        decision: 'confirmed',
        decidedBy: actor.userId,
        note,
        duplicateOf: open.id,
      });
      await this.repository.touch(m, open.id);
      // The new referrer catches up with the case's latest milestone (cut to their own consent when sent).
      const latest = await this.latestMilestone(m, open.id);
      if (latest !== 'received') {
        await addToOutbox(m, 'notification.referrer-milestone', {
          referralId: r.id,
          milestone: latest,
          municipalityId: r.municipality_id,
          requestId: actor.requestId,
          v: 1,
        });
      }
      events.push({ action: 'referral.link', citizenId: r.citizen_id, referralId: open.id });
      await this.audit.record(m, actor, events);
      return { id: r.id, status: r.status, decision: dto.decision, duplicateOf: open.id };
    });
  }

  /**
   * `POST /v1/referrals/:id/reported-details` — the case's casework staff accept details
   * a later referral reported (they replace the citizen's; audited) or ignore them.
   * Details of a referral still held as a possible duplicate wait for that decision.
   */
  async decideReportedDetails(actor: Actor, caseId: string, dto: ReportedDetailsDecisionDto) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.cases.openForCasework(m, actor, caseId);
      const d = await this.repository.detailsFor(m, r.id, dto.detailId);
      if (!d) throw new NotFoundError('Reported details not found');
      if (d.decision !== null) throw new ConflictError(`These details were already ${d.decision}`, { decision: d.decision });
      if (dto.decision === 'accept') await this.repository.applyDetails(m, d.citizen_id, d);
      await this.repository.decideDetails(m, { detailId: d.id }, dto.decision === 'accept' ? 'accepted' : 'ignored', actor.userId);
      await this.audit.record(m, actor, [
        dto.decision === 'accept'
          ? { action: 'citizen.update', citizenId: d.citizen_id, referralId: r.id, purpose: 'reported_details' }
          : { action: 'reported-details.ignore', citizenId: d.citizen_id, referralId: r.id },
      ]);
      return { id: d.id, decision: dto.decision === 'accept' ? 'accepted' : 'ignored' };
    });
  }

  /** A coordinator; or the brobygger assigned to the case the referral may duplicate (not for a restricted one). */
  private async mayDecide(m: EntityManager, actor: Actor, restricted: boolean, caseId: string | null): Promise<boolean> {
    if (actor.role === 'coordinator') return true;
    if (actor.role !== 'brobygger' || restricted || !caseId) return false;
    const own = await this.matching.brobyggerOfUser(actor.municipalityId, actor.userId, m);
    return own !== null && (await this.repository.assigneeOf(m, actor.municipalityId, caseId)) === own.id;
  }

  private async latestMilestone(m: EntityManager, caseId: string) {
    const c = await this.repository.referralOrFail(m, caseId);
    const history = await this.repository.statusHistory(m, [caseId]);
    return referrerView(referrerFacts(c, history), 'status').status;
  }
}

function notFound(): NotFoundError {
  return new NotFoundError('Referral not found');
}
