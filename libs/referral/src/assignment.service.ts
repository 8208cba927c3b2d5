import { AWAITING_ASSIGNMENT_STATUSES, LIFECYCLE, ReferralStatus } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditActor, AuditService, systemActor } from '@bro/audit';
import type { Actor } from '@bro/auth';
import { MatchingService, rankCandidates, UnassignedReason } from '@bro/matching';
import { MessagesService } from '@bro/notification';
import { addToOutbox, ConflictError, NotFoundError, OnJob, RuleViolationError, together, transactionWithRetry } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CaseLifecycle } from './case-lifecycle';
import { lockReferral, LockedReferral } from './case-lock';
import { ReferralRepository } from './referral.repository';

export type MatchOutcome =
  | { result: 'assigned'; brobyggerId: string }
  | { result: 'unassigned'; reason: UnassignedReason }
  | { result: 'skipped'; status: ReferralStatus | 'missing' };

/** Reasons that hold for a whole area: once one referral gets one, the next ones will too. */
const AREA_WIDE: ReadonlySet<UnassignedReason> = new Set(['no_brobygger_in_area', 'all_absent', 'all_at_capacity']);
/** Reasons that say why a case came back to the queue; they stay until it is placed. */
const HANDED_BACK: UnassignedReason[] = ['brobygger_deactivated', 'returned_to_queue'];

/**
 * Who holds a case. Every method is one transaction that locks the referral row,
 * re-reads its state and returns early when the work is already done, so a job
 * delivered twice — or two workers racing on one job — has one effect. Capacity is
 * taken and given back in the same transaction as the case changes hands. A
 * transaction PostgreSQL aborts as a deadlock victim is run again from the start.
 */
@Injectable()
export class AssignmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly matching: MatchingService,
    private readonly audit: AuditService,
    private readonly lifecycle: CaseLifecycle,
    private readonly repository: ReferralRepository,
    private readonly messages: MessagesService,
  ) {}

  /** `matching.match`: route one referral to the best brobygger of its area, or leave it waiting with a reason. */
  @OnJob('matching.match')
  async match(job: { referralId: string; municipalityId: string; requestId?: string }): Promise<MatchOutcome> {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await lockReferral(m, job.municipalityId, job.referralId);
      if (!r) return { result: 'skipped', status: 'missing' };
      if (!AWAITING_ASSIGNMENT_STATUSES.has(r.status)) return { result: 'skipped', status: r.status };
      const actor = systemActor(r.municipality_id, job.requestId);

      const citizen = await this.repository.matchingFactsWithHistory(m, r.citizen_id);
      const areaId = r.area_overridden
        ? r.area_id
        : citizen.postcode
          ? await this.matching.areaForPostcode(m, r.municipality_id, citizen.postcode)
          : null;
      if (!areaId) return this.leaveWaiting(m, actor, r, null, 'no_area_for_postcode');

      const candidates = await this.matching.candidatesInArea(m, r.municipality_id, areaId);
      // Who each is as a user, for the new holder's message (not read again after taking capacity).
      const holder = (id: string) => ({ id, userId: candidates.find((c) => c.id === id)!.userId });
      const ranking = rankCandidates(candidates, {
        previousBrobyggerIds: [...new Set(citizen.previousBrobyggerIds)],
        language: citizen.language,
      });
      if ('reason' in ranking) return this.leaveWaiting(m, actor, r, areaId, ranking.reason);
      // First without waiting among the equally right (issue 20: five matchers queued on
      // one brobygger's row, 25 ms each, and assignment fell behind intake).
      const free = await this.matching.takeFirstFree(
        m,
        ranking.peers.map((c) => c.id),
      );
      if (free) {
        await this.hand(m, actor, r, areaId, holder(free), 'auto');
        return { result: 'assigned', brobyggerId: free };
      }
      for (const candidate of ranking.ranked) {
        // Another assigner may have taken the last place since the candidates were read.
        if (await this.matching.takeCapacity(m, candidate.id)) {
          await this.hand(m, actor, r, areaId, holder(candidate.id), 'auto');
          return { result: 'assigned', brobyggerId: candidate.id };
        }
      }
      return this.leaveWaiting(m, actor, r, areaId, 'all_at_capacity');
    });
  }

  /** `POST /v1/referrals/:id/assign`: a coordinator assigns or reassigns; 409 when the brobygger is full. */
  async assign(actor: Actor, referralId: string, brobyggerId: string): Promise<{ id: string; status: ReferralStatus; assigneeId: string }> {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await lockReferral(m, actor.municipalityId, referralId);
      if (!r) throw new NotFoundError('Referral not found');
      if (LIFECYCLE[r.status].closed || !LIFECYCLE[r.status].ownCase)
        throw new ConflictError(`The referral is ${r.status} and cannot be assigned`, { currentStatus: r.status });
      const brobygger = await this.matching.brobyggerForAssignment(m, actor.municipalityId, brobyggerId);
      if (!brobygger)
        throw new RuleViolationError('brobyggerId: no brobygger with that id in this municipality', {
          field: 'brobyggerId',
          code: 'unknown_reference',
        });
      if (!brobygger.active)
        throw new RuleViolationError('brobyggerId: the brobygger is not active', { field: 'brobyggerId', code: 'inactive' });
      if (r.assignee_id === brobygger.id) return { id: r.id, status: r.status, assigneeId: brobygger.id };

      // Two brobygger rows change (the new one's load up, the old one's down): lock
      // them in id order so two opposite reassignments cannot deadlock.
      await this.matching.lockBrobyggere(m, [brobygger.id, ...(r.assignee_id ? [r.assignee_id] : [])]);
      if (!(await this.matching.takeCapacity(m, brobygger.id))) {
        throw new ConflictError('The brobygger has no free capacity', { brobyggerId: brobygger.id });
      }
      if (r.assignee_id) await this.release(m, actor, r, 'reassigned', true);
      const status = await this.hand(m, actor, r, r.area_id ?? brobygger.areaIds[0] ?? null, brobygger, 'manual');
      return { id: r.id, status, assigneeId: brobygger.id };
    });
  }

  /**
   * `POST /v1/referrals/:id/area`: a coordinator overrides the area derived from the
   * postcode. A case still waiting is matched again in its new area.
   */
  async setArea(actor: Actor, referralId: string, areaId: string): Promise<{ id: string; status: ReferralStatus; areaId: string }> {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await lockReferral(m, actor.municipalityId, referralId);
      if (!r) throw new NotFoundError('Referral not found');
      if (LIFECYCLE[r.status].closed || !LIFECYCLE[r.status].ownCase)
        throw new ConflictError(`The referral is ${r.status}; its area cannot change`, { currentStatus: r.status });
      if (!(await this.matching.areaNames(actor.municipalityId, [areaId], m)).has(areaId)) {
        throw new RuleViolationError('areaId: no area with that id in this municipality', { field: 'areaId', code: 'unknown_reference' });
      }
      await this.repository.overrideArea(m, r.id, areaId);
      await this.audit.record(m, actor, [{ action: 'referral.area', citizenId: r.citizen_id, referralId: r.id }]);
      if (AWAITING_ASSIGNMENT_STATUSES.has(r.status)) {
        await addToOutbox(m, 'matching.match', { referralId: r.id, municipalityId: r.municipality_id, requestId: actor.requestId, v: 1 });
      }
      return { id: r.id, status: r.status, areaId };
    });
  }

  /** `POST /v1/referrals/:id/unassign`: a coordinator takes the case off its brobygger and back to the queue. */
  async unassign(actor: Actor, referralId: string): Promise<{ id: string; status: ReferralStatus }> {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await lockReferral(m, actor.municipalityId, referralId);
      if (!r) throw new NotFoundError('Referral not found');
      if (LIFECYCLE[r.status].closed || !LIFECYCLE[r.status].ownCase)
        throw new ConflictError(`The referral is ${r.status} and cannot be unassigned`, { currentStatus: r.status });
      if (!r.assignee_id) return { id: r.id, status: r.status };
      await this.release(m, actor, r, 'returned_to_queue', true);
      await this.leaveWaiting(m, actor, { ...r, assignee_id: null }, r.area_id, 'returned_to_queue');
      return { id: r.id, status: 'unassigned' };
    });
  }

  /**
   * `matching.brobygger-changed`: a deactivated brobygger's open cases go back to the
   * unassigned queue (reason `brobygger_deactivated`); then every area they serve, or
   * that lost a case, gets its waiting referrals matched again.
   */
  @OnJob('matching.brobygger-changed')
  async reconcileBrobygger(job: { brobyggerId: string; municipalityId: string; requestId?: string }): Promise<void> {
    await transactionWithRetry(this.dataSource, async (m) => {
      const b = await this.matching.brobyggerForAssignment(m, job.municipalityId, job.brobyggerId);
      if (!b) return;
      const actor = systemActor(job.municipalityId, job.requestId);
      const areas = new Set(b.areaIds);
      if (!b.active) {
        for (const id of await this.repository.openCasesOfBrobygger(m, b.id)) {
          const r = await lockReferral(m, job.municipalityId, id);
          if (!r || r.assignee_id !== b.id || LIFECYCLE[r.status].closed) continue;
          await this.release(m, actor, r, 'brobygger_deactivated', false);
          await this.leaveWaiting(m, actor, { ...r, assignee_id: null }, r.area_id, 'brobygger_deactivated');
          if (r.area_id) areas.add(r.area_id);
        }
      }
      for (const areaId of areas)
        await addToOutbox(m, 'matching.waiting', { areaId, municipalityId: job.municipalityId, requestId: job.requestId, v: 1 });
    });
  }

  /** `matching.waiting`: match an area's waiting referrals, oldest first, until one cannot be placed. */
  @OnJob('matching.waiting')
  async matchWaiting(job: { areaId: string; municipalityId: string; requestId?: string }): Promise<number> {
    const waiting = await this.repository.waitingInArea(this.dataSource.manager, job.municipalityId, job.areaId, 100);
    let assigned = 0;
    for (const id of waiting) {
      const outcome = await this.match({ referralId: id, municipalityId: job.municipalityId, requestId: job.requestId });
      if (outcome.result === 'assigned') assigned += 1;
      if (outcome.result === 'unassigned' && AREA_WIDE.has(outcome.reason)) break;
    }
    return assigned;
  }

  /**
   * What the periodic sweep should re-enqueue: referrals still `submitted` after
   * `olderThanMs` (their job was lost, e.g. with a Redis flush) and areas with waiting
   * referrals (a brobygger may have come back from an absence).
   */
  async sweepTargets(
    olderThanMs: number,
  ): Promise<{ submitted: { referralId: string; municipalityId: string }[]; areas: { areaId: string; municipalityId: string }[] }> {
    const m = this.dataSource.manager;
    return { submitted: await this.repository.staleSubmitted(m, olderThanMs), areas: await this.repository.areasWithWaiting(m) };
  }

  /** After the last retry of a job failed: coordinators see the case needs attention. */
  async markNeedsAttention(referralId: string, municipalityId: string, what: string): Promise<void> {
    await this.repository.markNeedsAttention(this.dataSource.manager, referralId, municipalityId, what);
  }

  /** Gives the case to a brobygger whose capacity the caller has already taken. Returns the new status. */
  private async hand(
    m: EntityManager,
    actor: AuditActor,
    r: LockedReferral,
    areaId: string | null,
    holder: { id: string; userId: string },
    kind: 'auto' | 'manual',
  ): Promise<ReferralStatus> {
    const brobyggerId = holder.id;
    const status: ReferralStatus = AWAITING_ASSIGNMENT_STATUSES.has(r.status) ? 'assigned' : r.status;
    const { id: referralId, citizen_id: citizenId, municipality_id: municipalityId } = r;
    // Independent of each other (the holder and the status are different columns of the
    // row): sent together, one round trip where there were four or five (ADR 0043).
    const [, assignmentId] = await together([
      this.repository.setHolder(m, referralId, brobyggerId, areaId),
      this.repository.insertAssignment(m, { municipalityId, referralId, brobyggerId, kind, assignedBy: actor.userId }),
      // A case that was waiting becomes assigned: the lifecycle records it, syncs follow-ups and tells the referrer.
      status !== r.status
        ? this.lifecycle.transition(m, actor, r, status)
        : addToOutbox(m, 'follow-up.sync', { referralId, municipalityId, requestId: actor.requestId, v: 1 }),
      this.audit.record(m, actor, [{ action: kind === 'auto' ? 'referral.assign' : 'referral.assign.manual', citizenId, referralId }]),
    ]);
    await this.tellNewHolder(m, r, holder.userId, assignmentId, actor.requestId);
    return status;
  }

  /**
   * "Ny borger tildelt": the brobygger who now holds the case hears of it in their
   * inbox (the bell) and, where mail is set up, by e-mail — in the transaction that
   * hands them the case, once per assignment. Ids only: the case page names the citizen.
   */
  private async tellNewHolder(
    m: EntityManager,
    r: LockedReferral,
    holder: string,
    assignmentId: string,
    requestId: string | undefined,
  ): Promise<void> {
    await this.messages.send(
      {
        municipalityId: r.municipality_id,
        recipientId: holder,
        kind: 'case_assigned',
        referralId: r.id,
        subject: 'Ny borger tildelt',
        body: { referralId: r.id, assignmentId },
        dedupeKey: `case_assigned:${assignmentId}`,
        requestId,
      },
      m,
    );
  }

  /**
   * Takes the case from its current brobygger, in the caller's transaction: the assignment row closes and the
   * capacity comes back. `announce` asks the worker to offer the freed place to the
   * brobygger's waiting areas (not needed when the caller does that itself).
   */
  async release(m: EntityManager, actor: AuditActor, r: LockedReferral, reason: string, announce: boolean): Promise<void> {
    if (!r.assignee_id) return;
    await this.repository.releaseHolder(m, r.id, reason);
    await this.matching.releaseCapacity(m, r.assignee_id);
    if (announce) {
      await addToOutbox(m, 'matching.brobygger-changed', {
        brobyggerId: r.assignee_id,
        municipalityId: r.municipality_id,
        requestId: actor.requestId,
        v: 1,
      });
    }
    await addToOutbox(m, 'follow-up.sync', { referralId: r.id, municipalityId: r.municipality_id, requestId: actor.requestId, v: 1 });
    await this.audit.record(m, actor, [{ action: 'referral.release', citizenId: r.citizen_id, referralId: r.id, purpose: reason }]);
  }

  /**
   * Leaves the case in the unassigned queue with a reason. A case that was handed back
   * (brobygger deactivated, returned by a coordinator) keeps saying so until it is
   * placed again: that, not the state of the area, is what a coordinator needs to see.
   */
  private async leaveWaiting(
    m: EntityManager,
    actor: AuditActor,
    r: LockedReferral,
    areaId: string | null,
    reason: UnassignedReason,
  ): Promise<MatchOutcome> {
    // The reason first: whether a handed-back reason stays depends on the status before this move.
    await this.repository.setWaiting(m, r.id, areaId, reason, HANDED_BACK);
    if (r.status !== 'unassigned') await this.lifecycle.transition(m, actor, r, 'unassigned', reason, { quiet: true });
    return { result: 'unassigned', reason };
  }
}
