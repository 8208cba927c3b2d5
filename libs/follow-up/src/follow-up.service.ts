import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@bro/audit';
import { AWAITING_ASSIGNMENT_STATUSES, CLOSED_STATUSES, LIFECYCLE } from '@bro/case-kernel';
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
  returnedRows,
  RuleViolationError,
  transactionWithRetry,
  WorkingDayCalendar,
} from '@bro/platform';
import { CaseSections, CaseService, lockReferral, ReferralViewsService } from '@bro/referral';
import { DataSource, EntityManager } from 'typeorm';
import { CompleteFollowUpDto, CreateFollowUpDto, FollowUpKind, ListFollowUpsQuery } from './dto/follow-up.dto';
import { MEASUREMENT_KINDS, measurementAnswer, MeasurementResult, wantsMeasurements } from './measurements';

interface Settings {
  time_zone: string;
  first_contact_working_days: number;
  follow_up_call_days: number;
  review_days: number;
  escalate_after_working_days: number;
  measurement_3m_working_days: number;
  measurement_9m_working_days: number;
}

/** Follow-ups that outlive the closing of their case: the measurement at closing and those 3 and 9 months on. */
const AFTER_CLOSING: readonly FollowUpKind[] = ['outcome_measurement', ...MEASUREMENT_KINDS];

export interface ScheduledFollowUp {
  id: string;
  municipalityId: string;
  dueAt: Date;
}

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
    this.cases.registerEraser(async (m, referralId) => {
      await m.query(
        `UPDATE follow_up SET note = NULL, completed_at = CASE WHEN status = 'open' THEN now() ELSE completed_at END,
                status = CASE WHEN status = 'open' THEN 'cancelled' ELSE status END
          WHERE referral_id = $1`,
        [referralId],
      );
    });
    // As the sync would, but in the closing transaction: open follow-ups of a closed case
    // are cancelled. An outcome measurement stays (closing may ask for one), and so do the
    // measurements 3 and 9 months on when the case completed — they outlive closing (ADR 0018).
    this.cases.registerCloser(async (m, referralId, status) => {
      const kept: readonly FollowUpKind[] = status === 'completed' ? AFTER_CLOSING : ['outcome_measurement'];
      await m.query(
        "UPDATE follow_up SET status = 'cancelled', completed_at = $2 WHERE referral_id = $1 AND status = 'open' AND kind <> ALL($3)",
        [referralId, this.clock.now(), kept],
      );
    });
  }

  /** The follow-ups part of the full case view; their notes only where the policy disclosed the case's notes. */
  async sections({ municipalityId, referralId, disclosure }: DisclosedCase): Promise<Record<string, unknown>> {
    const rows: FollowUpRow[] = await this.dataSource.query(
      'SELECT * FROM follow_up WHERE referral_id = $1 AND municipality_id = $2 ORDER BY due_at',
      [referralId, municipalityId],
    );
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
      const locked = await lockReferral(m, job.municipalityId, job.referralId);
      if (!locked) return { open: [], closedEarly: [] };
      const facts = (await this.cases.followUpFacts(m, job.municipalityId, job.referralId))!;
      const talks = await this.casework.conversationFacts(m, job.referralId);
      const settings = await this.settings(m, job.municipalityId);
      const calendar = WorkingDayCalendar.for(settings.time_zone);
      const now = this.clock.now();
      const ensure = (kind: FollowUpKind, dueAt: Date) =>
        m.query(
          `INSERT INTO follow_up (municipality_id, referral_id, kind, due_at, assignee_id, source_key)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source_key) WHERE source_key IS NOT NULL DO NOTHING`,
          [job.municipalityId, job.referralId, kind, dueAt, facts.assigneeId, `${kind}:${job.referralId}`],
        );
      const complete = (kind: FollowUpKind) =>
        m.query("UPDATE follow_up SET status = 'done', completed_at = $3 WHERE referral_id = $1 AND kind = $2 AND status = 'open'", [
          job.referralId,
          kind,
          now,
        ]);

      if (facts.closed) {
        await m.query(
          "UPDATE follow_up SET status = 'cancelled', completed_at = $2 WHERE referral_id = $1 AND status = 'open' AND kind <> ALL($3)",
          [job.referralId, now, AFTER_CLOSING],
        );
        // Closing asks for an outcome measurement unless one was just taken.
        const measured = talks.lastScoredAt && facts.closedAt && facts.closedAt.getTime() - talks.lastScoredAt.getTime() < 14 * DAY_MS;
        if (facts.status === 'completed' && !measured && talks.firstHeldAt) {
          await ensure('outcome_measurement', calendar.addWorkingDays(facts.closedAt ?? now, 5));
        }
      } else {
        // Reassignment moves the open follow-ups to the new brobygger.
        if (facts.assigneeId) {
          await m.query(
            "UPDATE follow_up SET assignee_id = $2 WHERE referral_id = $1 AND status = 'open' AND assignee_id IS DISTINCT FROM $2",
            [job.referralId, facts.assigneeId],
          );
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
      const consent = (await this.consents.stateOfReferrals(job.municipalityId, [job.referralId])).get(job.referralId)!;
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
        await m.query(
          "UPDATE follow_up SET status = 'cancelled', completed_at = $2 WHERE referral_id = $1 AND status = 'open' AND kind = ANY($3)",
          [job.referralId, now, MEASUREMENT_KINDS],
        );
      }
      const rows: { id: string; due_at: Date; status: string }[] = await m.query(
        "SELECT id, due_at, status FROM follow_up WHERE referral_id = $1 AND (status = 'open' OR due_at > $2)",
        [job.referralId, now],
      );
      const scheduled = (o: { id: string; due_at: Date }) => ({ id: o.id, municipalityId: job.municipalityId, dueAt: o.due_at });
      return {
        open: rows.filter((o) => o.status === 'open').map(scheduled),
        closedEarly: rows.filter((o) => o.status !== 'open').map(scheduled),
      };
    });
  }

  /** Every follow-up of a case (an erased case's jobs name them: the worker removes those). */
  async idsOfCase(referralId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM follow_up WHERE referral_id = $1', [referralId]);
    return rows.map((r) => r.id);
  }

  /** Of these follow-ups, the ones no longer open (the worker removes their due jobs). */
  async notOpen(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.dataSource.query("SELECT id FROM follow_up WHERE id = ANY($1) AND status <> 'open'", [ids]);
    return new Set(rows.map((r) => r.id));
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
      const rows = returnedRows<{ id: string }>(
        await m.query(
          "UPDATE follow_up SET overdue_since = due_at WHERE id = $1 AND status = 'open' AND due_at <= $2 AND overdue_since IS NULL RETURNING id",
          [followUpId, now],
        ),
      );
      if (rows.length === 1) {
        await this.remind(m, followUpId);
        return 'overdue';
      }
      const [f]: { status: string; overdue_since: Date | null }[] = await m.query(
        'SELECT status, overdue_since FROM follow_up WHERE id = $1',
        [followUpId],
      );
      if (!f || f.status !== 'open') return 'closed';
      return f.overdue_since ? 'already' : 'not_due';
    });
  }

  /** When an overdue follow-up becomes escalatable: more than N working days after its due time. */
  async escalationTime(followUpId: string): Promise<Date | null> {
    const [f]: (Settings & { due_at: Date })[] = await this.dataSource.query(
      'SELECT f.due_at, mu.time_zone, mu.escalate_after_working_days FROM follow_up f JOIN municipality mu ON mu.id = f.municipality_id WHERE f.id = $1',
      [followUpId],
    );
    return f ? WorkingDayCalendar.for(f.time_zone).addWorkingDays(f.due_at, f.escalate_after_working_days + 1) : null;
  }

  /** `follow-up.escalate`: escalates one follow-up if it is still open and more than N working days overdue (under the case's lock). */
  async escalate(followUpId: string): Promise<'escalated' | 'not_yet' | 'closed'> {
    const now = this.clock.now();
    return transactionWithRetry(this.dataSource, async (m) => {
      if (!(await this.lockCaseOf(m, followUpId))) return 'closed';
      const [f]: (Settings & { status: string; overdue_since: Date | null; escalated_at: Date | null })[] = await m.query(
        `SELECT f.status, f.overdue_since, f.escalated_at, mu.time_zone, mu.escalate_after_working_days
           FROM follow_up f JOIN municipality mu ON mu.id = f.municipality_id WHERE f.id = $1`,
        [followUpId],
      );
      if (!f || f.status !== 'open') return 'closed';
      if (f.escalated_at) return 'escalated';
      if (!f.overdue_since || WorkingDayCalendar.for(f.time_zone).workingDaysBetween(f.overdue_since, now) <= f.escalate_after_working_days)
        return 'not_yet';
      await m.query('UPDATE follow_up SET escalated_at = $2 WHERE id = $1 AND escalated_at IS NULL', [followUpId, now]);
      return 'escalated';
    });
  }

  /** Locks the case a follow-up belongs to (FOR UPDATE on the referral); false if either is gone. */
  private async lockCaseOf(m: EntityManager, followUpId: string): Promise<boolean> {
    const [f]: { municipality_id: string; referral_id: string }[] = await m.query(
      'SELECT municipality_id, referral_id FROM follow_up WHERE id = $1',
      [followUpId],
    );
    return !!f && !!(await lockReferral(m, f.municipality_id, f.referral_id));
  }

  /** Tells the assignee a follow-up has fallen due (once per follow-up), in the caller's transaction. */
  private async remind(m: EntityManager, followUpId: string): Promise<void> {
    const [f]: { municipality_id: string; referral_id: string; kind: string; due_at: Date; assignee_id: string | null }[] = await m.query(
      'SELECT municipality_id, referral_id, kind, due_at, assignee_id FROM follow_up WHERE id = $1',
      [followUpId],
    );
    if (!f?.assignee_id) return;
    const holder = (await this.matching.brobyggerRefs(f.municipality_id, [f.assignee_id])).get(f.assignee_id);
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
    const overdue = returnedRows(
      await this.dataSource.query(
        "UPDATE follow_up SET overdue_since = due_at WHERE status = 'open' AND due_at <= $1 AND overdue_since IS NULL RETURNING id",
        [now],
      ),
    ).length;

    const candidates: (Settings & { id: string; due_at: Date })[] = await this.dataSource.query(
      `SELECT f.id, f.due_at, mu.time_zone, mu.escalate_after_working_days
         FROM follow_up f JOIN municipality mu ON mu.id = f.municipality_id
        WHERE f.status = 'open' AND f.overdue_since IS NOT NULL AND f.escalated_at IS NULL
        ORDER BY f.due_at LIMIT 5000`,
    );
    const escalate = candidates
      .filter((c) => WorkingDayCalendar.for(c.time_zone).workingDaysBetween(c.due_at, now) > c.escalate_after_working_days)
      .map((c) => c.id);
    if (escalate.length)
      await this.dataSource.query('UPDATE follow_up SET escalated_at = $2 WHERE id = ANY($1) AND escalated_at IS NULL', [escalate, now]);

    const resync: { referralId: string; municipalityId: string }[] = await this.dataSource.query(
      `SELECT r.id AS "referralId", r.municipality_id AS "municipalityId" FROM referral r
        WHERE r.status = 'assigned' AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.referral_id = r.id AND f.kind = 'first_contact')
        LIMIT 1000`,
    );
    // Follow-ups coming due within the horizon: their due jobs go to Redis now (ids make it idempotent).
    const dueSoon: ScheduledFollowUp[] = await this.dataSource.query(
      `SELECT id, municipality_id AS "municipalityId", due_at AS "dueAt" FROM follow_up
        WHERE status = 'open' AND overdue_since IS NULL AND due_at <= $1 ORDER BY due_at LIMIT 5000`,
      [new Date(now.getTime() + horizonMs)],
    );
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
    const settings = await this.settings(m, r.municipalityId);
    const dueAt = WorkingDayCalendar.for(settings.time_zone).addWorkingDays(this.clock.now(), 1);
    await m.query(
      `INSERT INTO follow_up (municipality_id, referral_id, kind, due_at, assignee_id, source_key, note)
       VALUES ($1, $2, 'custom', $3, $4, $5, $6) ON CONFLICT (source_key) WHERE source_key IS NOT NULL DO NOTHING`,
      [r.municipalityId, r.referralId, dueAt, r.assigneeId, sourceKey, note],
    );
    await addToOutbox(m, 'follow-up.sync', { referralId: r.referralId, municipalityId: r.municipalityId, v: 1 });
  }

  /** `POST /v1/follow-ups`: a follow-up of the brobygger's own choosing (or a coordinator's). */
  async create(actor: Actor, dto: CreateFollowUpDto) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.cases.openForCasework(m, actor, dto.referralId);
      if (LIFECYCLE[r.status].closed) throw new ConflictError(`The referral is ${r.status}`, { currentStatus: r.status });
      // A date before the case existed is a typing error, and would land at once in the overdue queue.
      if (new Date(dto.dueAt) < r.created_at)
        throw new RuleViolationError('dueAt must not be before the case was created', { field: 'dueAt' });
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO follow_up (municipality_id, referral_id, kind, due_at, assignee_id, note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [r.municipality_id, r.id, dto.kind, new Date(dto.dueAt), r.assignee_id, dto.note ?? null, actor.userId],
      );
      await addToOutbox(m, 'follow-up.sync', { referralId: r.id, municipalityId: r.municipality_id, requestId: actor.requestId, v: 1 });
      await this.audit.record(m, actor, [{ action: 'follow-up.create', citizenId: r.citizen_id, referralId: r.id }]);
      return (await this.writtenBack(m, actor.municipalityId, { id: row.id }))[0];
    });
  }

  /**
   * `POST /v1/follow-ups/:id/complete` — a measurement (3 or 9 months on) with the
   * citizen's answers or as declined/unreachable, also after the case has closed.
   */
  async complete(actor: Actor, id: string, dto: CompleteFollowUpDto = {}) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const [f]: { referral_id: string; status: string; kind: FollowUpKind }[] = await m.query(
        'SELECT referral_id, status, kind FROM follow_up WHERE id = $1 AND municipality_id = $2 FOR UPDATE',
        [id, actor.municipalityId],
      );
      if (!f) throw new NotFoundError('Follow-up not found');
      const r = await this.cases.openForCasework(m, actor, f.referral_id).catch(() => {
        throw new NotFoundError('Follow-up not found');
      });
      if (f.status !== 'open') throw new ConflictError(`The follow-up is ${f.status}`, { currentStatus: f.status });
      const answer = measurementAnswer(f.kind, dto);
      await m.query(
        `UPDATE follow_up SET status = 'done', completed_at = $2, completed_by = $3, note = COALESCE($4, note),
                measurement_result = $5, who5 = $6, who5_score = $7, ucla3 = $8, ucla3_score = $9
          WHERE id = $1`,
        [
          id,
          this.clock.now(),
          actor.userId,
          dto.note ?? null,
          answer?.result ?? null,
          answer?.who5 ?? null,
          answer?.who5Score ?? null,
          answer?.ucla3 ?? null,
          answer?.ucla3Score ?? null,
        ],
      );
      await this.audit.record(m, actor, [
        { action: 'follow-up.complete', citizenId: r.citizen_id, referralId: r.id, ...(answer ? { purpose: answer.result } : {}) },
      ]);
      return (await this.writtenBack(m, actor.municipalityId, { id }))[0];
    });
  }

  /** `GET /v1/follow-ups?view=` — coordinators: the municipality; brobyggere: their own. */
  async list(actor: Actor, q: ListFollowUpsQuery): Promise<Page<FollowUpView>> {
    if (actor.role === 'referrer') throw new ForbiddenError('Referrers have no follow-up queue');
    let assignee: string | null | undefined;
    if (actor.role === 'brobygger' || q.assignee === 'me') {
      assignee = (await this.matching.brobyggerOfUser(actor.municipalityId, actor.userId))?.id ?? null;
      if (!assignee) return { items: [], total: 0 };
      if (actor.role === 'brobygger' && q.assignee && q.assignee !== 'me' && q.assignee !== assignee) return { items: [], total: 0 };
    } else if (q.assignee) {
      assignee = q.assignee;
    }
    const { time_zone } = await this.settings(this.dataSource.manager, actor.municipalityId);
    const today = WorkingDayCalendar.for(time_zone).dayOf(this.clock.now());
    const conditions = ['f.municipality_id = $1', "f.status = 'open'"];
    const params: unknown[] = [actor.municipalityId];
    const where = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (assignee) where('f.assignee_id = ?', assignee);
    if (q.areaId) where('EXISTS (SELECT 1 FROM referral r WHERE r.id = f.referral_id AND r.area_id = ?)', q.areaId);
    if (q.kind) where('f.kind = ?', q.kind);
    switch (q.view) {
      case 'due_today':
        where('f.due_at >= ?', today.start);
        where('f.due_at < ?', today.end);
        break;
      case 'overdue':
        where('f.due_at <= ?', this.clock.now());
        break;
      case 'escalated':
        conditions.push('f.escalated_at IS NOT NULL');
        break;
      case 'upcoming':
        where('f.due_at >= ?', today.end);
        break;
      case 'open':
        break;
    }
    const filter = conditions.join(' AND ');
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM follow_up f WHERE ${filter}`,
      params,
    );
    const items = await this.dataSource.query<(FollowUpRow & { citizen_id: string })[]>(
      `SELECT f.*, r.citizen_id FROM follow_up f JOIN referral r ON r.id = f.referral_id
        WHERE ${filter} ORDER BY f.due_at ${q.sort === '-dueAt' ? 'DESC' : 'ASC'}, f.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit, q.offset],
    );
    // A listed follow-up reveals a citizen's case: one audit row per item, as for case lists.
    await this.audit.record(
      this.dataSource.manager,
      actor,
      items.map((f) => ({ action: 'follow-up.list', citizenId: f.citizen_id, referralId: f.referral_id })),
    );
    // Its note is case data: shown only where the policy discloses the case's notes to the caller
    // (a follow-up can outlive its holder's hold on the case, e.g. after a coordinator takes it back).
    const decided = await this.views.disclosures(
      actor,
      items.map((f) => f.referral_id),
    );
    return { items: items.map((f) => view(f, notesOf(decided.get(f.referral_id)))), total };
  }

  /** `GET /v1/queues/summary` — counts for the caller's scope, and caseloads for coordinators. */
  async summary(actor: Actor) {
    if (actor.role === 'referrer') throw new ForbiddenError('Referrers have no queues');
    const own =
      actor.role === 'brobygger'
        ? ((await this.matching.brobyggerOfUser(actor.municipalityId, actor.userId))?.id ?? '00000000-0000-0000-0000-000000000000')
        : null;
    const { time_zone } = await this.settings(this.dataSource.manager, actor.municipalityId);
    const window = WorkingDayCalendar.for(time_zone).dayOf(this.clock.now());
    const [counts]: Record<string, number>[] = await this.dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM referral r WHERE r.municipality_id = $1 AND r.status = 'unassigned' AND $2::uuid IS NULL) AS unassigned,
         count(*) FILTER (WHERE f.kind = 'first_contact')::int AS "firstContactDue",
         count(*) FILTER (WHERE f.due_at >= $3 AND f.due_at < $4)::int AS "dueToday",
         count(*) FILTER (WHERE f.due_at <= $5)::int AS overdue,
         count(*) FILTER (WHERE f.escalated_at IS NOT NULL)::int AS escalated
       FROM follow_up f WHERE f.municipality_id = $1 AND f.status = 'open' AND ($2::uuid IS NULL OR f.assignee_id = $2)`,
      [actor.municipalityId, own, window.start, window.end, this.clock.now()],
    );
    if (actor.role !== 'coordinator') return counts;
    const caseload: { brobyggerId: string; activeCases: number; capacity: number }[] = await this.dataSource.query(
      'SELECT id AS "brobyggerId", active_cases AS "activeCases", capacity FROM brobygger WHERE municipality_id = $1 AND active ORDER BY active_cases DESC',
      [actor.municipalityId],
    );
    const areas: { areaId: string; open: number; waiting: number }[] = await this.dataSource.query(
      `SELECT area_id AS "areaId", count(*) FILTER (WHERE status <> ALL($2))::int AS open,
              count(*) FILTER (WHERE status = 'unassigned')::int AS waiting
         FROM referral WHERE municipality_id = $1 AND area_id IS NOT NULL AND status <> ALL($3)
        GROUP BY area_id`,
      [actor.municipalityId, [...AWAITING_ASSIGNMENT_STATUSES], CLOSED_STATUSES],
    );
    // E-mails that failed for good (ADR 0017): listed at GET /v1/notifications/undelivered.
    const undeliveredMessages = await this.messages.undeliveredCount(actor.municipalityId);
    return { ...counts, undeliveredMessages, caseload, areas };
  }

  /** A follow-up as its writer (the case's holder or a coordinator, checked by `openForCasework`) just left it. */
  private async writtenBack(m: EntityManager, municipalityId: string, by: { id: string }): Promise<FollowUpView[]> {
    const rows: FollowUpRow[] = await m.query('SELECT * FROM follow_up WHERE id = $1 AND municipality_id = $2', [by.id, municipalityId]);
    return rows.map((f) => view(f, true));
  }

  private async settings(m: EntityManager, municipalityId: string): Promise<Settings> {
    const [s]: Settings[] = await m.query(
      `SELECT time_zone, first_contact_working_days, follow_up_call_days, review_days, escalate_after_working_days,
              measurement_3m_working_days, measurement_9m_working_days
         FROM municipality WHERE id = $1`,
      [municipalityId],
    );
    return s;
  }
}

interface FollowUpRow {
  id: string;
  referral_id: string;
  kind: FollowUpKind;
  due_at: Date;
  status: string;
  assignee_id: string | null;
  overdue_since: Date | null;
  escalated_at: Date | null;
  note: string | null;
  measurement_result: MeasurementResult | null;
  who5_score: number | null;
  ucla3_score: number | null;
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
