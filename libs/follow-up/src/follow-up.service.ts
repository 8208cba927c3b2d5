import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@bro/audit';
import { AWAITING_ASSIGNMENT_STATUSES, LIFECYCLE } from '@bro/case-kernel';
import type { Actor } from '@bro/auth';
import { CaseworkService } from '@bro/casework';
import { ConsentService, type DisclosedCase, type Disclosure } from '@bro/consent';
import { MatchingService } from '@bro/matching';
import { MessagesService } from '@bro/notification';
import {
  addToOutbox,
  Clock,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  Page,
  RuleViolationError,
  together,
  transactionWithRetry,
  WorkingDayCalendar,
} from '@bro/platform';
import { CaseSections, CaseService, lockReferral, ReferralViewsService } from '@bro/referral';
import { DataSource, EntityManager } from 'typeorm';
import { CompleteFollowUpDto, CreateFollowUpDto, FollowUpKind, ListFollowUpsQuery } from './dto/follow-up.dto';
import { FollowUpRepository, type FollowUpRow, type OpenFollowUpFilter, type ScheduledFollowUp } from './follow-up.repository';
import { MEASUREMENT_KINDS, measurementAnswer, wantsMeasurements } from './measurements';

export type { ScheduledFollowUp } from './follow-up.repository';

/** Follow-ups that outlive the closing of their case: the measurement at closing and those 3 and 9 months on. */
const AFTER_CLOSING: readonly FollowUpKind[] = ['outcome_measurement', ...MEASUREMENT_KINDS];

const DAY_MS = 24 * 3600 * 1000;

/**
 * Follow-ups: every promise to a citizen is a dated row, and the rows are the truth.
 * `sync` brings one case's follow-ups in line with its state — it creates what the
 * flow promises (first contact on assignment, a call and a review after the first
 * conversation, an outcome measurement at closing, WHO-5/UCLA-3 measurements 3 and 9
 * months on), completes what was done, moves open ones to a new brobygger and cancels
 * them when the case ends — all but the measurements, which outlive closing until
 * consent is withdrawn or the case erased. It is idempotent
 * by construction (source keys, guarded updates), so it can run after every change
 * and again from the sweep. Time comes from the Clock, so tests can move it.
 */
@Injectable()
export class FollowUpService implements CaseSections, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly followUps: FollowUpRepository,
    private readonly cases: CaseService,
    private readonly casework: CaseworkService,
    private readonly matching: MatchingService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly views: ReferralViewsService,
    private readonly messages: MessagesService,
    private readonly consents: ConsentService,
  ) {}

  onModuleInit(): void {
    this.views.registerSections(this);
    // An erased case has nobody left to call: its open follow-ups (measurements after closing too) end.
    this.cases.registerEraser((m, referralId) => this.followUps.eraseCase(m, referralId));
    // As the sync would, but in the closing transaction: open follow-ups of a closed case
    // are cancelled. An outcome measurement stays (closing may ask for one), and so do the
    // measurements 3 and 9 months on when the case completed — they outlive closing (ADR 0018).
    this.cases.registerCloser(async (m, referralId, status) => {
      const kept: readonly FollowUpKind[] = status === 'completed' ? AFTER_CLOSING : ['outcome_measurement'];
      await this.followUps.cancelOpenExcept(m, referralId, this.clock.now(), kept);
    });
  }

  /** The follow-ups part of the full case view; their notes only where the policy disclosed the case's notes. */
  async sections({ municipalityId, referralId, disclosure }: DisclosedCase): Promise<Record<string, unknown>> {
    const rows = await this.followUps.ofCase(municipalityId, referralId);
    return { followUps: rows.map((f) => view(f, disclosure.notes)) };
  }

  /**
   * `follow-up.sync`: returns the case's open follow-ups, for the worker to schedule
   * their due jobs, and those closed before their due time, whose waiting due jobs
   * the worker removes (otherwise Redis holds one per closed case for days).
   */
  async sync(job: {
    referralId: string;
    municipalityId: string;
  }): Promise<{ open: ScheduledFollowUp[]; closedEarly: ScheduledFollowUp[] }> {
    return transactionWithRetry(this.dataSource, async (m) => {
      // Under the case lock, taken by the same read (one round trip fewer per sync, issue 20).
      const facts = await this.cases.followUpFacts(m, job.municipalityId, job.referralId, { lock: true });
      if (!facts) return { open: [], closedEarly: [] };
      // Three reads that depend on nothing but the case: sent together, one round trip (ADR 0043).
      const [talks, settings, consents] = await together([
        this.casework.conversationFacts(m, job.referralId),
        this.followUps.settings(m, job.municipalityId),
        this.consents.stateOfReferrals(job.municipalityId, [job.referralId], m),
      ]);
      const calendar = WorkingDayCalendar.for(settings.time_zone);
      const now = this.clock.now();
      const ensure = (kind: FollowUpKind, dueAt: Date) =>
        this.followUps.ensure(m, {
          municipalityId: job.municipalityId,
          referralId: job.referralId,
          kind,
          dueAt,
          assigneeId: facts.assigneeId,
        });
      const complete = (kind: FollowUpKind) => this.followUps.completeOpen(m, job.referralId, kind, now);

      if (facts.closed) {
        await this.followUps.cancelOpenExcept(m, job.referralId, now, AFTER_CLOSING);
        // Closing asks for an outcome measurement unless one was just taken.
        const measured = talks.lastScoredAt && facts.closedAt && facts.closedAt.getTime() - talks.lastScoredAt.getTime() < 14 * DAY_MS;
        if (facts.status === 'completed' && !measured && talks.firstHeldAt) {
          await ensure('outcome_measurement', calendar.addWorkingDays(facts.closedAt ?? now, 5));
        }
      } else {
        // Reassignment moves the open follow-ups to the new brobygger.
        if (facts.assigneeId) {
          await this.followUps.moveOpenTo(m, job.referralId, facts.assigneeId);
        }
        if (facts.firstAssignedAt)
          await ensure('first_contact', calendar.addWorkingDays(facts.firstAssignedAt, settings.first_contact_working_days));
        if (!AWAITING_ASSIGNMENT_STATUSES.has(facts.status) && facts.status !== 'assigned') await complete('first_contact');
        if (talks.firstHeldAt) {
          await ensure('follow_up_call', new Date(talks.firstHeldAt.getTime() + settings.follow_up_call_days * DAY_MS));
          await ensure('review', new Date(talks.firstHeldAt.getTime() + settings.review_days * DAY_MS));
          if (talks.laterConversations > 0) await complete('follow_up_call');
        }
      }
      // The measurements 3 and 9 months after the first conversation, whether the case is open or closed.
      const consent = consents.get(job.referralId)!;
      const measuring = wantsMeasurements({
        status: facts.status,
        firstHeldAt: talks.firstHeldAt,
        referralConsent: consent.referral,
        statisticsConsent: consent.statistics,
        restricted: facts.restricted || facts.erased,
      });
      if (measuring && talks.firstHeldAt) {
        await ensure('measurement_3m', calendar.addWorkingDays(talks.firstHeldAt, settings.measurement_3m_working_days));
        await ensure('measurement_9m', calendar.addWorkingDays(talks.firstHeldAt, settings.measurement_9m_working_days));
      } else {
        await this.followUps.cancelOpenOfKinds(m, job.referralId, now, MEASUREMENT_KINDS);
      }
      const rows = await this.followUps.openOrNotYetDue(m, job.referralId, now);
      const scheduled = (o: { id: string; due_at: Date }) => ({ id: o.id, municipalityId: job.municipalityId, dueAt: o.due_at });
      return {
        open: rows.filter((o) => o.status === 'open').map(scheduled),
        closedEarly: rows.filter((o) => o.status !== 'open').map(scheduled),
      };
    });
  }

  /** Every follow-up of a case (an erased case's jobs name them: the worker removes those). */
  async idsOfCase(referralId: string): Promise<string[]> {
    return this.followUps.idsOfCase(referralId);
  }

  /** Of these follow-ups, the ones no longer open (the worker removes their due jobs). */
  async notOpen(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    return this.followUps.notOpen(ids);
  }

  /**
   * `follow-up.due`: marks the follow-up overdue if it is still open and its time has
   * come, and reminds the assignee — under the case's lock, so a withdrawal or closing
   * in flight finishes first (and has cancelled the follow-up by then).
   */
  async markDue(followUpId: string): Promise<'overdue' | 'not_due' | 'closed' | 'already'> {
    const now = this.clock.now();
    return transactionWithRetry(this.dataSource, async (m) => {
      if (!(await this.lockCaseOf(m, followUpId))) return 'closed';
      if (await this.followUps.markOverdue(m, followUpId, now)) {
        await this.remind(m, followUpId);
        return 'overdue';
      }
      const f = await this.followUps.overdueState(m, followUpId);
      if (!f || f.status !== 'open') return 'closed';
      return f.overdue_since ? 'already' : 'not_due';
    });
  }

  /** When an overdue follow-up becomes escalatable: more than N working days after its due time. */
  async escalationTime(followUpId: string): Promise<Date | null> {
    const f = await this.followUps.escalationFacts(followUpId);
    return f ? WorkingDayCalendar.for(f.time_zone).addWorkingDays(f.due_at, f.escalate_after_working_days + 1) : null;
  }

  /** `follow-up.escalate`: escalates one follow-up if it is still open and more than N working days overdue (under the case's lock). */
  async escalate(followUpId: string): Promise<'escalated' | 'not_yet' | 'closed'> {
    const now = this.clock.now();
    return transactionWithRetry(this.dataSource, async (m) => {
      if (!(await this.lockCaseOf(m, followUpId))) return 'closed';
      const f = await this.followUps.escalationState(m, followUpId);
      if (!f || f.status !== 'open') return 'closed';
      if (f.escalated_at) return 'escalated';
      if (!f.overdue_since || WorkingDayCalendar.for(f.time_zone).workingDaysBetween(f.overdue_since, now) <= f.escalate_after_working_days)
        return 'not_yet';
      await this.followUps.markEscalated(m, [followUpId], now);
      return 'escalated';
    });
  }

  /** Locks the case a follow-up belongs to (`lockReferral`); false if either is gone. */
  private async lockCaseOf(m: EntityManager, followUpId: string): Promise<boolean> {
    const f = await this.followUps.caseOf(m, followUpId);
    return !!f && !!(await lockReferral(m, f.municipality_id, f.referral_id));
  }

  /** Tells the assignee a follow-up has fallen due (once per follow-up), in the caller's transaction. */
  private async remind(m: EntityManager, followUpId: string): Promise<void> {
    const f = await this.followUps.reminderFacts(m, followUpId);
    if (!f?.assignee_id) return;
    const holder = (await this.matching.brobyggerRefs(f.municipality_id, [f.assignee_id], m)).get(f.assignee_id);
    if (!holder) return;
    await this.messages.send(
      {
        municipalityId: f.municipality_id,
        recipientId: holder.userId,
        kind: 'follow_up_due',
        referralId: f.referral_id,
        subject: `Opfølgning forfalden: ${f.kind}`,
        body: { followUpId, referralId: f.referral_id, kind: f.kind, dueAt: f.due_at },
        dedupeKey: `follow_up_due:${followUpId}`,
      },
      m,
    );
  }

  /**
   * `follow-up.sweep`: marks every due follow-up overdue, escalates those overdue for
   * more than the municipality's working days, and returns the assigned cases that
   * have no first-contact follow-up (their sync was lost) for the worker to re-sync,
   * and the follow-ups coming due within `horizonMs`, for the worker to schedule.
   */
  async sweep(horizonMs: number): Promise<{
    overdue: number;
    escalated: number;
    resync: { referralId: string; municipalityId: string }[];
    dueSoon: ScheduledFollowUp[];
  }> {
    const now = this.clock.now();
    // Each one marked here is reminded as the due job would have: the sweep may get there
    // first (or the job was lost), and "Opfølgning forfalden" must not depend on which.
    const overdue = await transactionWithRetry(this.dataSource, async (m) => {
      const ids = await this.followUps.markAllDueOverdue(m, now);
      for (const id of ids) await this.remind(m, id);
      return ids.length;
    });

    const candidates = await this.followUps.escalationCandidates();
    const escalate = candidates
      .filter((c) => WorkingDayCalendar.for(c.time_zone).workingDaysBetween(c.due_at, now) > c.escalate_after_working_days)
      .map((c) => c.id);
    if (escalate.length) await this.followUps.markEscalated(this.dataSource.manager, escalate, now);

    const resync = await this.followUps.assignedCasesWithoutFirstContact();
    // Follow-ups coming due within the horizon: their due jobs go to Redis now (ids make it idempotent).
    const dueSoon = await this.followUps.comingDue(new Date(now.getTime() + horizonMs));
    return { overdue, escalated: escalate.length, resync, dueSoon };
  }

  /**
   * A follow-up for the case's brobygger the next working day, caused by something
   * outside casework (a host's answer "did not attend" or "cannot receive", issue 16).
   * Once per `sourceKey`; in the caller's transaction, which holds the case's lock.
   */
  async nextWorkingDay(
    m: EntityManager,
    r: { municipalityId: string; referralId: string; assigneeId: string | null },
    sourceKey: string,
    note: string,
  ): Promise<void> {
    const settings = await this.followUps.settings(m, r.municipalityId);
    const dueAt = WorkingDayCalendar.for(settings.time_zone).addWorkingDays(this.clock.now(), 1);
    await this.followUps.ensureFromSource(m, { ...r, dueAt, sourceKey, note });
    await addToOutbox(m, 'follow-up.sync', { referralId: r.referralId, municipalityId: r.municipalityId, v: 1 });
  }

  /** `POST /v1/follow-ups`: a follow-up of the brobygger's own choosing (or a coordinator's). */
  async create(actor: Actor, dto: CreateFollowUpDto) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.cases.openForCasework(m, actor, dto.referralId);
      if (LIFECYCLE[r.status].closed) throw new ConflictError(`The referral is ${r.status}`, { currentStatus: r.status });
      // A date before the case existed is a typing error, and would land at once in the overdue queue.
      if (new Date(dto.dueAt) < r.created_at)
        throw new RuleViolationError('dueAt must not be before the case was created', { field: 'dueAt', code: 'invalid_date_order' });
      const id = await this.followUps.insert(m, {
        municipalityId: r.municipality_id,
        referralId: r.id,
        kind: dto.kind,
        dueAt: new Date(dto.dueAt),
        assigneeId: r.assignee_id,
        note: dto.note ?? null,
        createdBy: actor.userId,
      });
      await addToOutbox(m, 'follow-up.sync', { referralId: r.id, municipalityId: r.municipality_id, requestId: actor.requestId, v: 1 });
      await this.audit.record(m, actor, [{ action: 'follow-up.create', citizenId: r.citizen_id, referralId: r.id }]);
      return (await this.writtenBack(m, actor.municipalityId, { id }))[0];
    });
  }

  /**
   * `POST /v1/follow-ups/:id/complete` — a measurement (3 or 9 months on) with the
   * citizen's answers or as declined/unreachable, also after the case has closed.
   */
  async complete(actor: Actor, id: string, dto: CompleteFollowUpDto = {}) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const f = await this.followUps.lockForCompletion(m, id, actor.municipalityId);
      if (!f) throw new NotFoundError('Follow-up not found');
      const r = await this.cases.openForCasework(m, actor, f.referral_id).catch(() => {
        throw new NotFoundError('Follow-up not found');
      });
      if (f.status !== 'open') throw new ConflictError(`The follow-up is ${f.status}`, { currentStatus: f.status });
      const answer = measurementAnswer(f.kind, dto);
      await this.followUps.markDone(m, id, {
        at: this.clock.now(),
        by: actor.userId,
        note: dto.note ?? null,
        result: answer?.result ?? null,
        who5: answer?.who5 ?? null,
        who5Score: answer?.who5Score ?? null,
        ucla3: answer?.ucla3 ?? null,
        ucla3Score: answer?.ucla3Score ?? null,
      });
      await this.audit.record(m, actor, [
        { action: 'follow-up.complete', citizenId: r.citizen_id, referralId: r.id, ...(answer ? { purpose: answer.result } : {}) },
      ]);
      return (await this.writtenBack(m, actor.municipalityId, { id }))[0];
    });
  }

  /** `GET /v1/follow-ups?view=` — coordinators: the municipality; brobyggere: their own. */
  async list(actor: Actor, q: ListFollowUpsQuery): Promise<Page<FollowUpView>> {
    if (actor.role === 'referrer') throw new ForbiddenError('Referrers have no follow-up queue');
    const own = actor.role === 'brobygger' || q.assignee === 'me';
    // The caller's brobygger record and the municipality's day side by side (issue 20).
    const [brobygger, { time_zone }] = await Promise.all([
      own ? this.matching.brobyggerOfUser(actor.municipalityId, actor.userId) : null,
      this.followUps.settings(this.dataSource.manager, actor.municipalityId),
    ]);
    let assignee: string | null | undefined;
    if (own) {
      assignee = brobygger?.id ?? null;
      if (!assignee) return { items: [], total: 0 };
      if (actor.role === 'brobygger' && q.assignee && q.assignee !== 'me' && q.assignee !== assignee) return { items: [], total: 0 };
    } else if (q.assignee) {
      assignee = q.assignee;
    }
    const today = WorkingDayCalendar.for(time_zone).dayOf(this.clock.now());
    const filter: OpenFollowUpFilter = { municipalityId: actor.municipalityId, assignee, areaId: q.areaId, kind: q.kind };
    switch (q.view) {
      case 'due_today':
        Object.assign(filter, { dueFrom: today.start, dueBefore: today.end });
        break;
      case 'overdue':
        filter.dueBy = this.clock.now();
        break;
      case 'escalated':
        filter.escalated = true;
        break;
      case 'upcoming':
        filter.dueFrom = today.end;
        break;
      case 'open':
        break;
    }
    const { items, total } = await this.followUps.listOpen(filter, { sort: q.sort, limit: q.limit, offset: q.offset });
    // A listed follow-up reveals a citizen's case: the page's audit row names every case it
    // shows (ADR 0037; one row per page, where case lists still write one per case).
    // Its note is case data: shown only where the policy discloses the case's notes to the caller
    // (a follow-up can outlive its holder's hold on the case, e.g. after a coordinator takes it back).
    // Whom each row is about and who holds it, for callers who may see the case (the policy decides):
    // a work list names its citizen and brobygger on every row (issue 15). The audit rows and
    // these reads side by side (issue 20); nothing is answered unless both succeed.
    const [, subjects] = await Promise.all([
      this.audit.recordListing(
        this.dataSource.manager,
        actor,
        'follow-up.list',
        items.map((f) => ({ citizenId: f.citizen_id, referralId: f.referral_id })),
      ),
      this.views.listSubjects(
        actor,
        items.map((f) => f.referral_id),
        items.map((f) => f.assignee_id).filter((id): id is string => id !== null),
      ),
    ]);
    return {
      items: items.map((f) => {
        const citizen = subjects.citizens.get(f.referral_id);
        return {
          ...view(f, notesOf(subjects.disclosures.get(f.referral_id))),
          ...(citizen
            ? {
                citizen,
                assignee: f.assignee_id ? (subjects.brobyggere.get(f.assignee_id) ?? { id: f.assignee_id, displayName: null }) : null,
              }
            : {}),
        };
      }),
      total,
    };
  }

  /** `GET /v1/queues/summary` — counts for the caller's scope, and caseloads for coordinators. */
  async summary(actor: Actor) {
    if (actor.role === 'referrer') throw new ForbiddenError('Referrers have no queues');
    const now = this.clock.now();
    // The brobygger (read once: their own queue and, for the public referrals awaiting a
    // first call (ADR 0030), their areas) and the municipality's day side by side (issue 20).
    const [brobygger, { time_zone }] = await Promise.all([
      actor.role === 'brobygger' ? this.matching.brobyggerOfUser(actor.municipalityId, actor.userId) : null,
      this.followUps.settings(this.dataSource.manager, actor.municipalityId),
    ]);
    const own = actor.role === 'brobygger' ? (brobygger?.id ?? '00000000-0000-0000-0000-000000000000') : null;
    const areaIds = actor.role === 'brobygger' ? (brobygger?.areaIds ?? []) : null;
    const window = WorkingDayCalendar.for(time_zone).dayOf(now);
    if (actor.role !== 'coordinator') return this.followUps.queueCounts(actor.municipalityId, own, window, now, areaIds);
    // Independent reads, each on a pool connection of its own, so the answer waits for the slowest, not their sum.
    const [counts, caseload, areas, undeliveredMessages] = await Promise.all([
      this.followUps.queueCounts(actor.municipalityId, own, window, now, areaIds),
      this.followUps.caseloads(actor.municipalityId),
      this.followUps.areaLoads(actor.municipalityId),
      // E-mails that failed for good (ADR 0017): listed at GET /v1/notifications/undelivered.
      this.messages.undeliveredCount(actor.municipalityId),
    ]);
    return { ...counts, undeliveredMessages, caseload, areas };
  }

  /** A follow-up as its writer (the case's holder or a coordinator, checked by `openForCasework`) just left it. */
  private async writtenBack(m: EntityManager, municipalityId: string, by: { id: string }): Promise<FollowUpView[]> {
    const rows = await this.followUps.byId(m, municipalityId, by.id);
    return rows.map((f) => view(f, true));
  }
}

export type FollowUpView = ReturnType<typeof view>;

function notesOf(disclosure: Disclosure | undefined): boolean {
  return disclosure?.kind === 'full' && disclosure.notes;
}

function view(f: FollowUpRow, notes: boolean) {
  return {
    id: f.id,
    referralId: f.referral_id,
    kind: f.kind,
    dueAt: f.due_at,
    status: f.status,
    assigneeId: f.assignee_id,
    ...(f.overdue_since ? { overdueSince: f.overdue_since } : {}),
    escalated: f.escalated_at !== null,
    ...(notes ? { note: f.note } : {}),
    // A completed measurement: its result and scores.
    ...(f.measurement_result ? { measurement: { result: f.measurement_result, who5Score: f.who5_score, ucla3Score: f.ucla3_score } } : {}),
  };
}
