import { FEEDBACK_LEVELS, LIFECYCLE, ReferralStatus, REOPEN_WINDOW_DAYS, REOPENABLE_STATUSES } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditActor, AuditService, systemActor } from '@bro/audit';
import { type Actor, MunicipalityFacts } from '@bro/auth';
import { MatchingService } from '@bro/matching';
import { addToOutbox, Clock, ConflictError, NotFoundError, RuleViolationError, transactionWithRetry } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AssignmentService } from './assignment.service';
import { lockReferral, LockedReferral } from './case-lock';
import { CloseDto } from './dto/case.dto';
import { ChangeConsentDto } from './dto/change-consent.dto';
import { ConsentService } from '@bro/consent';
import { CaseCloser, CaseLifecycle } from './case-lifecycle';
import { ReferralRepository } from './referral.repository';
import { PublicReferralRepository } from './public-referral.repository';
import { MessagesService } from '@bro/notification';

/** Erases one module's personal data of a case (notes, plans …), in the caller's transaction. */
export type CaseEraser = (m: EntityManager, referralId: string) => Promise<void>;
/**
 * The case owner's commands: every change of status goes through the lifecycle
 * (`CaseLifecycle`, the one writer of `referral.status`), which checks the transition
 * table, writes the status history and announces referrer milestones — all in the
 * caller's transaction. Casework (contact attempts, conversations) uses
 * `openForCasework`, `transition` and the case facts it may change (`markReached` …)
 * inside its own transactions; hold, resume and close are whole commands here.
 */
@Injectable()
export class CaseService {
  private readonly erasers: CaseEraser[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly matching: MatchingService,
    private readonly assignments: AssignmentService,
    private readonly audit: AuditService,
    private readonly consents: ConsentService,
    private readonly repository: ReferralRepository,
    private readonly lifecycle: CaseLifecycle,
    private readonly municipalities: MunicipalityFacts,
    private readonly publicReferrals: PublicReferralRepository,
    private readonly messages: MessagesService,
    private readonly clock: Clock,
  ) {}

  /** Modules above referral register what they hold about a case, so erasure reaches it. */
  registerEraser(eraser: CaseEraser): void {
    this.erasers.push(eraser);
  }

  /** Modules above referral register the open work they keep for a case, so closing it ends that work at once. */
  registerCloser(closer: CaseCloser): void {
    this.lifecycle.registerCloser(closer);
  }

  /**
   * `POST /v1/referrals/:id/consents`: records one consent decision (history is only
   * added to). Withdrawing `referral` ends the case — cancelled, capacity back, its
   * follow-ups cancelled and its queued work turned into no-ops by the state checks —
   * and erases the citizen's personal data; the consent history and the audit log
   * keep ids only.
   */
  async changeConsent(actor: Actor, referralId: string, dto: ChangeConsentDto) {
    const value = consentValue(dto);
    return transactionWithRetry(this.dataSource, async (m) => {
      // A held or linked referral's consents are its own to change, though it is no case to work.
      const r = await this.openForCasework(m, actor, referralId, { held: true });
      await this.consents.record(m, actor, { citizenId: r.citizen_id, referralId: r.id }, dto.method, [{ scope: dto.scope, value }]);
      await this.audit.record(m, actor, [
        { action: 'consent.change', citizenId: r.citizen_id, referralId: r.id, purpose: `${dto.scope}=${value}` },
      ]);
      // Follow-ups hang on consent too (the measurements after closing end with it): the worker brings them in line.
      await addToOutbox(m, 'follow-up.sync', { referralId: r.id, municipalityId: r.municipality_id, requestId: actor.requestId, v: 1 });
      const withdrawn = dto.scope === 'referral' && value === 'false';
      let kept: 'erased' | 'restricted' | null = null;
      if (withdrawn && !LIFECYCLE[r.status].ownCase) {
        // Withdrawn from one clinic's referral held apart from (or linked to) a case: that
        // referral ends, and only its own data goes; the citizen and the case stay.
        if (!LIFECYCLE[r.status].closed) await this.cancel(m, actor, r, 'consent_withdrawn');
        kept = (await this.mustKeepRecord(m, r)) ? 'restricted' : 'erased';
        if (kept === 'restricted') await this.repository.restrictReferral(m, r.id);
        else await this.eraseCase(m, r.id);
      } else if (withdrawn) {
        if (!LIFECYCLE[r.status].closed) await this.cancel(m, actor, r, 'consent_withdrawn');
        // Referrals held as possible duplicates end too: the citizen's data they hang on goes now.
        for (const id of await this.repository.heldOfCitizen(m, r.citizen_id)) {
          const held = await lockReferral(m, r.municipality_id, id);
          if (held && held.status === 'possible_duplicate') await this.cancel(m, actor, held, 'consent_withdrawn');
        }
        kept = (await this.mustKeepRecord(m, r)) ? 'restricted' : 'erased';
        if (kept === 'restricted') {
          await this.repository.restrictCitizen(m, r.citizen_id);
        } else {
          await this.eraseCitizen(m, r.citizen_id);
        }
      }
      return {
        id: r.id,
        status: r.status,
        scope: dto.scope,
        value: dto.scope === 'referrer_feedback' ? value : value === 'true',
        erased: kept === 'erased',
        restricted: kept === 'restricted',
      };
    });
  }

  /**
   * The municipality's record-keeping rule decides whether a withdrawn case is kept
   * (restricted) instead of erased: `always`, or `after_contact` once any of the
   * citizen's cases reached contact (the municipality has acted on it).
   */
  private async mustKeepRecord(m: EntityManager, r: LockedReferral): Promise<boolean> {
    const rule = await this.municipalities.recordKeeping(m, r.municipality_id);
    return rule === 'always' || (rule === 'after_contact' && (await this.repository.citizenWasContacted(m, r.citizen_id)));
  }

  /** Erases a citizen and every case of theirs (ids, times, statuses, scores and the audit log stay). */
  private async eraseCitizen(m: EntityManager, citizenId: string): Promise<void> {
    for (const id of await this.repository.unerasedReferralsOf(m, citizenId)) await this.eraseCase(m, id);
    await this.repository.eraseCitizen(m, citizenId);
  }

  /** Erases one case's personal data: notes, summary, contacts, hold reasons, and what modules above hold. */
  private async eraseCase(m: EntityManager, referralId: string): Promise<void> {
    const { municipalityId, recent } = await this.repository.eraseReferral(m, referralId);
    // Job payloads hold ids only, but once a case is erased no job should name it. Jobs
    // stay in Redis at most 14 days (failed ones), so a case untouched for longer has none
    // left, and the nightly erasure of old cases does not scan the queues for each.
    if (recent) await addToOutbox(m, 'maintenance.forget-case', { referralId, municipalityId, v: 1 });
    await this.repository.eraseLinkNotesAndHoldReasons(m, referralId);
    await this.repository.eraseHeldData(m, referralId);
    // A public referral's sender, the address "modtaget" went to (ADR 0030), SMS numbers and texts.
    await this.publicReferrals.erase(m, referralId);
    await this.messages.eraseAddresses(m, referralId);
    for (const eraser of this.erasers) await eraser(m, referralId);
    // A referral confirmed into this case lives and goes with it.
    for (const linked of await this.repository.linkedTo(m, referralId)) await this.eraseCase(m, linked);
  }

  /**
   * A public referral nobody consented to — the citizen declined at first contact, or a
   * coordinator rejected it as spam — is erased at once, as after a withdrawal (ADR 0030):
   * the case, and the citizen too unless another case of theirs still holds their data
   * (a CPR a stranger typed must not erase a known citizen's history).
   */
  async eraseUnconsented(m: EntityManager, r: LockedReferral): Promise<void> {
    await this.eraseCase(m, r.id);
    if ((await this.repository.otherUnerasedReferralsOf(m, r.citizen_id, r.id)) === 0) await this.repository.eraseCitizen(m, r.citizen_id);
  }

  /**
   * The nightly retention run: erases cases closed longer ago than their
   * municipality's retention period, then citizens none of whose cases is left, in
   * batches of `batchSize`, each in its own transaction. Uses the database clock;
   * rows locked by someone else are left for the next run, so two runs never collide
   * and a repeated run finds nothing more to do. Returns how many were erased.
   */
  async eraseExpired(batchSize = 200): Promise<{ cases: number; citizens: number }> {
    const erased = { cases: 0, citizens: 0 };
    for (;;) {
      const n = await transactionWithRetry(this.dataSource, async (m) => {
        const due = await this.repository.lockExpiredCases(m, batchSize);
        for (const r of due) {
          await this.eraseCase(m, r.id);
          await this.audit.record(m, systemActor(r.municipality_id), [
            { action: 'referral.erase', citizenId: r.citizen_id, referralId: r.id, purpose: 'retention' },
          ]);
        }
        return due.length;
      });
      erased.cases += n;
      if (n < batchSize) break;
    }
    for (;;) {
      const n = await transactionWithRetry(this.dataSource, async (m) => {
        const due = await this.repository.lockCitizensWithoutCases(m, batchSize);
        for (const c of due) {
          await this.eraseCitizen(m, c.id);
          await this.audit.record(m, systemActor(c.municipality_id), [{ action: 'citizen.erase', citizenId: c.id, purpose: 'retention' }]);
        }
        return due.length;
      });
      erased.citizens += n;
      if (n < batchSize) break;
    }
    return erased;
  }

  /**
   * Locks a case for a change by its casework staff: a coordinator of the
   * municipality or the brobygger it is assigned to (not once it is restricted).
   * Anyone else: 404. A referral that is no case of its own (held as a possible
   * duplicate, or linked to a case) is no casework: 409, unless `held` says the caller
   * may act on one (its consents).
   */
  async openForCasework(m: EntityManager, actor: Actor, referralId: string, allow: { held?: boolean } = {}): Promise<LockedReferral> {
    const r = await lockReferral(m, actor.municipalityId, referralId);
    if (!r) throw new NotFoundError('Referral not found');
    let mine = actor.role === 'coordinator';
    if (!mine && actor.role === 'brobygger' && !r.restricted_at) {
      const own = await this.matching.brobyggerOfUser(actor.municipalityId, actor.userId, m);
      mine = own !== null && r.assignee_id === own.id;
    }
    if (!mine) throw new NotFoundError('Referral not found');
    if (!LIFECYCLE[r.status].ownCase && !allow.held) {
      throw new ConflictError(
        r.status === 'possible_duplicate'
          ? 'The referral is a possible duplicate: confirm or reject it first (POST /v1/referrals/:id/duplicate)'
          : 'The referral is linked to another case: work that case',
        { currentStatus: r.status },
      );
    }
    return r;
  }

  /** Moves a locked case to `to` (409 if the table forbids it), with history and milestone: the lifecycle's transition. */
  async transition(
    m: EntityManager,
    actor: AuditActor,
    r: LockedReferral,
    to: ReferralStatus,
    reason: string | null = null,
  ): Promise<void> {
    await this.lifecycle.transition(m, actor, r, to, reason);
  }

  /** What follow-ups hang on: the case's status, holder, when it was assigned and closed, and whether it is restricted or erased. */
  async followUpFacts(m: EntityManager, municipalityId: string, referralId: string, opts: { lock?: boolean } = {}) {
    const r = await this.repository.followUpFacts(m, municipalityId, referralId, opts.lock);
    return r
      ? {
          status: r.status,
          assigneeId: r.assignee_id,
          closedAt: r.closed_at,
          firstAssignedAt: r.first_assigned_at,
          closed: LIFECYCLE[r.status].closed,
          restricted: r.restricted,
          erased: r.erased,
        }
      : null;
  }

  /** How to reach the citizen of a case — for the channels the disclosure policy allows; null once erased. */
  async citizenContact(m: EntityManager, municipalityId: string, referralId: string) {
    return this.repository.citizenContactOf(m, municipalityId, referralId);
  }

  /**
   * The citizen's name as stored, for a reader that hands it to the disclosure policy
   * (the hand-off page shows the first name only, under `share_with_host`).
   */
  async citizenOf(
    m: EntityManager,
    municipalityId: string,
    referralId: string,
  ): Promise<{ citizenId: string; name: string | null } | null> {
    return this.repository.citizenOf(m, municipalityId, referralId);
  }

  /** Casework reached the citizen: the case is no longer to be considered unreachable. */
  async markReached(m: EntityManager, r: LockedReferral): Promise<void> {
    await this.repository.setConsiderUnreachable(m, r.id, false);
  }

  /** Casework's unreachable rule held (unanswered attempts over working days): coordinators see the flag. */
  async flagUnreachable(m: EntityManager, r: LockedReferral): Promise<void> {
    await this.repository.setConsiderUnreachable(m, r.id, true);
  }

  /** The citizen's other municipal contacts and who holds the ongoing contact. */
  async setContacts(m: EntityManager, r: LockedReferral, otherContacts: unknown[], responsibleContact: string | null): Promise<void> {
    await this.repository.setContacts(m, r.id, otherContacts, responsibleContact);
  }

  /** Ends a case without a conversation (declined, consent withdrawn): cancelled, capacity back. */
  async cancel(m: EntityManager, actor: Actor, r: LockedReferral, reason: string): Promise<void> {
    await this.transition(m, actor, r, 'cancelled', reason);
    await this.repository.setOutcome(m, r.id, { outcome: reason });
    await this.assignments.release(m, actor, r, reason, true);
  }

  /** `POST /v1/referrals/:id/hold`: pause (e.g. hospital admission). */
  async hold(actor: Actor, referralId: string, reason: string) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.openForCasework(m, actor, referralId);
      await this.transition(m, actor, r, 'on_hold', reason);
      await this.audit.record(m, actor, [{ action: 'referral.hold', citizenId: r.citizen_id, referralId: r.id }]);
      return { id: r.id, status: r.status };
    });
  }

  /** `POST /v1/referrals/:id/resume`: back to the status the case was paused from. */
  async resume(actor: Actor, referralId: string) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.openForCasework(m, actor, referralId);
      if (r.status !== 'on_hold') throw new ConflictError(`The referral is ${r.status}, not on hold`, { currentStatus: r.status });
      await this.transition(m, actor, r, await this.repository.statusBeforeHold(m, r.id));
      await this.audit.record(m, actor, [{ action: 'referral.resume', citizenId: r.citizen_id, referralId: r.id }]);
      return { id: r.id, status: r.status };
    });
  }

  /**
   * `POST /v1/referrals/:id/reopen` (coordinators): a completed case, closed at most
   * `REOPEN_WINDOW_DAYS` ago, goes back to `submitted` through the lifecycle and is routed
   * again — the matcher prefers the brobygger it had. Its outcome is cleared (it is not
   * closed any more); the reason is kept in the status history, erased with the case.
   * 409 for any other status, an older closing, a restricted or erased case, or when the
   * citizen has another open case by now (one open case per citizen).
   */
  async reopen(actor: Actor, referralId: string, reason: string) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const found = await this.repository.duplicateFacts(m, actor.municipalityId, referralId);
      if (!found) throw new NotFoundError('Referral not found');
      // The citizen first, as intake does: a reopening and a new referral of the citizen take turns.
      await this.repository.lockCitizen(m, found.citizenId);
      const r = await this.openForCasework(m, actor, referralId);
      if (!REOPENABLE_STATUSES.includes(r.status)) {
        throw new ConflictError(`The referral is ${r.status}; only a completed case is reopened`, { currentStatus: r.status });
      }
      if (r.restricted_at) throw new ConflictError('The case is restricted (consent withdrawn); it cannot be reopened');
      if (!r.closed_at || this.clock.now().getTime() - r.closed_at.getTime() > REOPEN_WINDOW_DAYS * DAY_MS) {
        throw new ConflictError(`The case closed more than ${REOPEN_WINDOW_DAYS} days ago; refer the citizen again`, {
          closedAt: r.closed_at,
        });
      }
      const open = await this.repository.openCaseOf(m, r.citizen_id);
      if (open) throw new ConflictError('The citizen has another open case: work that case', { openCase: open.id });
      await this.transition(m, actor, r, 'submitted', reason);
      await this.repository.clearOutcome(m, r.id);
      await addToOutbox(m, 'matching.match', { referralId: r.id, municipalityId: r.municipality_id, requestId: actor.requestId, v: 1 });
      await this.audit.record(m, actor, [{ action: 'referral.reopen', citizenId: r.citizen_id, referralId: r.id }]);
      return { id: r.id, status: r.status };
    });
  }

  /** `POST /v1/referrals/:id/close`: completed with an outcome; the brobygger's capacity comes back. */
  async close(actor: Actor, referralId: string, dto: CloseDto) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.openForCasework(m, actor, referralId);
      if (dto.summaryApprovedByCitizen && !dto.summary) {
        throw new RuleViolationError('summaryApprovedByCitizen needs a summary', { field: 'summary' });
      }
      await this.transition(m, actor, r, 'completed');
      await this.repository.setOutcome(m, r.id, {
        outcome: dto.outcome,
        summary: dto.summary ?? null,
        summaryApproved: dto.summaryApprovedByCitizen ?? false,
      });
      await this.assignments.release(m, actor, r, 'closed', true);
      await this.audit.record(m, actor, [{ action: 'referral.close', citizenId: r.citizen_id, referralId: r.id, purpose: dto.outcome }]);
      return { id: r.id, status: r.status, outcome: dto.outcome };
    });
  }
}

const DAY_MS = 24 * 3600 * 1000;

/** The stored form of a consent value, checked against its scope (422 otherwise). */
function consentValue(dto: ChangeConsentDto): string {
  if (dto.scope === 'referrer_feedback') {
    if (typeof dto.value !== 'string' || !(FEEDBACK_LEVELS as readonly string[]).includes(dto.value)) {
      throw new RuleViolationError('value: referrer_feedback takes none, status or summary', { field: 'value' });
    }
    return dto.value;
  }
  if (typeof dto.value !== 'boolean') throw new RuleViolationError(`value: ${dto.scope} takes true or false`, { field: 'value' });
  return String(dto.value);
}
