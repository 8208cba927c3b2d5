import { AWAITING_ASSIGNMENT_STATUSES, CLOSED_STATUSES, UNCONSENTED_STATUSES } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MUNICIPALITY_SETTINGS } from '@bro/auth';
import { BROBYGGER_CASELOAD } from '@bro/matching';
import { returnedRows } from '@bro/platform';
import { CASE_FACTS } from '@bro/referral';
import { DataSource, EntityManager } from 'typeorm';
import type { FollowUpKind } from './dto/follow-up.dto';
import type { MeasurementResult } from './measurements';

/** The municipality's deadlines, in its time zone (auth's published read model). */
export interface Settings {
  time_zone: string;
  first_contact_working_days: number;
  follow_up_call_days: number;
  review_days: number;
  escalate_after_working_days: number;
  measurement_3m_working_days: number;
  measurement_9m_working_days: number;
}

export interface FollowUpRow {
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

export interface ScheduledFollowUp {
  id: string;
  municipalityId: string;
  dueAt: Date;
}

/** Which open follow-ups a queue lists; the service turns a view (`due_today`, `overdue`…) into these bounds. */
export interface OpenFollowUpFilter {
  municipalityId: string;
  assignee?: string | null;
  areaId?: string;
  kind?: string;
  dueFrom?: Date;
  dueBefore?: Date;
  dueBy?: Date;
  escalated?: boolean;
}

/**
 * All SQL on `follow_up`, the table the follow-up lib owns (ADR 0020, 0022). The case,
 * the municipality's deadlines and the brobyggere's caseloads are read through the
 * read models their owners publish. Methods taking an `EntityManager` run in the
 * caller's transaction.
 */
@Injectable()
export class FollowUpRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An erased case's follow-ups lose their notes; the open ones end. */
  async eraseCase(m: EntityManager, referralId: string): Promise<void> {
    await m.query(
      `UPDATE follow_up SET note = NULL, completed_at = CASE WHEN status = 'open' THEN now() ELSE completed_at END,
              status = CASE WHEN status = 'open' THEN 'cancelled' ELSE status END
        WHERE referral_id = $1`,
      [referralId],
    );
  }

  /** Cancels the case's open follow-ups except those of the `kept` kinds. */
  async cancelOpenExcept(m: EntityManager, referralId: string, now: Date, kept: readonly FollowUpKind[]): Promise<void> {
    await m.query(
      "UPDATE follow_up SET status = 'cancelled', completed_at = $2 WHERE referral_id = $1 AND status = 'open' AND kind <> ALL($3)",
      [referralId, now, kept],
    );
  }

  /** Cancels the case's open follow-ups of these kinds. */
  async cancelOpenOfKinds(m: EntityManager, referralId: string, now: Date, kinds: readonly FollowUpKind[]): Promise<void> {
    await m.query(
      "UPDATE follow_up SET status = 'cancelled', completed_at = $2 WHERE referral_id = $1 AND status = 'open' AND kind = ANY($3)",
      [referralId, now, kinds],
    );
  }

  /** The case's follow-ups, by due time. */
  async ofCase(municipalityId: string, referralId: string): Promise<FollowUpRow[]> {
    return this.dataSource.query('SELECT * FROM follow_up WHERE referral_id = $1 AND municipality_id = $2 ORDER BY due_at', [
      referralId,
      municipalityId,
    ]);
  }

  /** Creates the follow-up the flow promises unless its source key already has one. */
  async ensure(
    m: EntityManager,
    f: { municipalityId: string; referralId: string; kind: FollowUpKind; dueAt: Date; assigneeId: string | null },
  ): Promise<void> {
    await m.query(
      `INSERT INTO follow_up (municipality_id, referral_id, kind, due_at, assignee_id, source_key)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source_key) WHERE source_key IS NOT NULL DO NOTHING`,
      [f.municipalityId, f.referralId, f.kind, f.dueAt, f.assigneeId, `${f.kind}:${f.referralId}`],
    );
  }

  /** A follow-up caused from outside casework (a host's answer, issue 16): once per source key. */
  async ensureFromSource(
    m: EntityManager,
    f: { municipalityId: string; referralId: string; dueAt: Date; assigneeId: string | null; sourceKey: string; note: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO follow_up (municipality_id, referral_id, kind, due_at, assignee_id, source_key, note)
       VALUES ($1, $2, 'custom', $3, $4, $5, $6) ON CONFLICT (source_key) WHERE source_key IS NOT NULL DO NOTHING`,
      [f.municipalityId, f.referralId, f.dueAt, f.assigneeId, f.sourceKey, f.note],
    );
  }

  /** Completes the case's open follow-up of this kind. */
  async completeOpen(m: EntityManager, referralId: string, kind: FollowUpKind, now: Date): Promise<void> {
    await m.query("UPDATE follow_up SET status = 'done', completed_at = $3 WHERE referral_id = $1 AND kind = $2 AND status = 'open'", [
      referralId,
      kind,
      now,
    ]);
  }

  /** Moves the case's open follow-ups to the brobygger now holding it. */
  async moveOpenTo(m: EntityManager, referralId: string, assigneeId: string): Promise<void> {
    await m.query("UPDATE follow_up SET assignee_id = $2 WHERE referral_id = $1 AND status = 'open' AND assignee_id IS DISTINCT FROM $2", [
      referralId,
      assigneeId,
    ]);
  }

  /** The case's open follow-ups and those closed before their due time. */
  async openOrNotYetDue(m: EntityManager, referralId: string, now: Date): Promise<{ id: string; due_at: Date; status: string }[]> {
    return m.query("SELECT id, due_at, status FROM follow_up WHERE referral_id = $1 AND (status = 'open' OR due_at > $2)", [
      referralId,
      now,
    ]);
  }

  async idsOfCase(referralId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM follow_up WHERE referral_id = $1', [referralId]);
    return rows.map((r) => r.id);
  }

  async notOpen(ids: readonly string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.dataSource.query("SELECT id FROM follow_up WHERE id = ANY($1) AND status <> 'open'", [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** Marks one follow-up overdue if it is open and due; true if this call did. */
  async markOverdue(m: EntityManager, id: string, now: Date): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await m.query(
        "UPDATE follow_up SET overdue_since = due_at WHERE id = $1 AND status = 'open' AND due_at <= $2 AND overdue_since IS NULL RETURNING id",
        [id, now],
      ),
    );
    return rows.length === 1;
  }

  async overdueState(m: EntityManager, id: string): Promise<{ status: string; overdue_since: Date | null } | undefined> {
    const [f]: { status: string; overdue_since: Date | null }[] = await m.query(
      'SELECT status, overdue_since FROM follow_up WHERE id = $1',
      [id],
    );
    return f;
  }

  /** A follow-up's due time and its municipality's calendar and escalation rule. */
  async escalationFacts(id: string): Promise<(Settings & { due_at: Date }) | undefined> {
    const [f]: (Settings & { due_at: Date })[] = await this.dataSource.query(
      `SELECT f.due_at, mu.time_zone, mu.escalate_after_working_days FROM follow_up f JOIN ${MUNICIPALITY_SETTINGS} mu ON mu.id = f.municipality_id WHERE f.id = $1`,
      [id],
    );
    return f;
  }

  /** A follow-up's state and its municipality's calendar and escalation rule, in the caller's transaction. */
  async escalationState(
    m: EntityManager,
    id: string,
  ): Promise<(Settings & { status: string; overdue_since: Date | null; escalated_at: Date | null }) | undefined> {
    const [f]: (Settings & { status: string; overdue_since: Date | null; escalated_at: Date | null })[] = await m.query(
      `SELECT f.status, f.overdue_since, f.escalated_at, mu.time_zone, mu.escalate_after_working_days
         FROM follow_up f JOIN ${MUNICIPALITY_SETTINGS} mu ON mu.id = f.municipality_id WHERE f.id = $1`,
      [id],
    );
    return f;
  }

  async markEscalated(m: EntityManager, ids: readonly string[], now: Date): Promise<void> {
    await m.query('UPDATE follow_up SET escalated_at = $2 WHERE id = ANY($1) AND escalated_at IS NULL', [ids, now]);
  }

  /** The case a follow-up belongs to. */
  async caseOf(m: EntityManager, id: string): Promise<{ municipality_id: string; referral_id: string } | undefined> {
    const [f]: { municipality_id: string; referral_id: string }[] = await m.query(
      'SELECT municipality_id, referral_id FROM follow_up WHERE id = $1',
      [id],
    );
    return f;
  }

  /** What a reminder to the assignee says. */
  async reminderFacts(
    m: EntityManager,
    id: string,
  ): Promise<{ municipality_id: string; referral_id: string; kind: string; due_at: Date; assignee_id: string | null } | undefined> {
    const [f]: { municipality_id: string; referral_id: string; kind: string; due_at: Date; assignee_id: string | null }[] = await m.query(
      'SELECT municipality_id, referral_id, kind, due_at, assignee_id FROM follow_up WHERE id = $1',
      [id],
    );
    return f;
  }

  /**
   * Marks every open, due follow-up overdue, in the caller's transaction; the ids marked.
   * Rows another transaction holds (a due job, a second sweep) are skipped, not waited
   * for: that one marks and reminds them, and two sweeps cannot deadlock on each other.
   */
  async markAllDueOverdue(m: EntityManager, now: Date): Promise<string[]> {
    return returnedRows<{ id: string }>(
      await m.query(
        `UPDATE follow_up SET overdue_since = due_at
          WHERE id IN (SELECT id FROM follow_up WHERE status = 'open' AND due_at <= $1 AND overdue_since IS NULL
                        ORDER BY id FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [now],
      ),
    ).map((r) => r.id);
  }

  /** Overdue, not yet escalated follow-ups with their municipality's calendar and rule (a batch). */
  async escalationCandidates(): Promise<(Settings & { id: string; due_at: Date })[]> {
    return this.dataSource.query(
      `SELECT f.id, f.due_at, mu.time_zone, mu.escalate_after_working_days
         FROM follow_up f JOIN ${MUNICIPALITY_SETTINGS} mu ON mu.id = f.municipality_id
        WHERE f.status = 'open' AND f.overdue_since IS NOT NULL AND f.escalated_at IS NULL
        ORDER BY f.due_at LIMIT 5000`,
    );
  }

  /** Assigned cases with no first-contact follow-up (their sync was lost; a batch). */
  async assignedCasesWithoutFirstContact(): Promise<{ referralId: string; municipalityId: string }[]> {
    return this.dataSource.query(
      `SELECT r.id AS "referralId", r.municipality_id AS "municipalityId" FROM ${CASE_FACTS} r
        WHERE r.status = 'assigned' AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.referral_id = r.id AND f.kind = 'first_contact')
        LIMIT 1000`,
    );
  }

  /** Open follow-ups not yet overdue that come due by `until` (a batch). */
  async comingDue(until: Date): Promise<ScheduledFollowUp[]> {
    return this.dataSource.query(
      `SELECT id, municipality_id AS "municipalityId", due_at AS "dueAt" FROM follow_up
        WHERE status = 'open' AND overdue_since IS NULL AND due_at <= $1 ORDER BY due_at LIMIT 5000`,
      [until],
    );
  }

  async insert(
    m: EntityManager,
    f: {
      municipalityId: string;
      referralId: string;
      kind: string;
      dueAt: Date;
      assigneeId: string | null;
      note: string | null;
      createdBy: string;
    },
  ): Promise<string> {
    const [row]: { id: string }[] = await m.query(
      `INSERT INTO follow_up (municipality_id, referral_id, kind, due_at, assignee_id, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [f.municipalityId, f.referralId, f.kind, f.dueAt, f.assigneeId, f.note, f.createdBy],
    );
    return row.id;
  }

  /** Locks a follow-up of the municipality for completing it. */
  async lockForCompletion(
    m: EntityManager,
    id: string,
    municipalityId: string,
  ): Promise<{ referral_id: string; status: string; kind: FollowUpKind } | undefined> {
    const [f]: { referral_id: string; status: string; kind: FollowUpKind }[] = await m.query(
      'SELECT referral_id, status, kind FROM follow_up WHERE id = $1 AND municipality_id = $2 FOR UPDATE',
      [id, municipalityId],
    );
    return f;
  }

  async markDone(
    m: EntityManager,
    id: string,
    done: {
      at: Date;
      by: string;
      note: string | null;
      result: string | null;
      who5: unknown;
      who5Score: number | null;
      ucla3: unknown;
      ucla3Score: number | null;
    },
  ): Promise<void> {
    await m.query(
      `UPDATE follow_up SET status = 'done', completed_at = $2, completed_by = $3, note = COALESCE($4, note),
              measurement_result = $5, who5 = $6, who5_score = $7, ucla3 = $8, ucla3_score = $9
        WHERE id = $1`,
      [id, done.at, done.by, done.note, done.result, done.who5, done.who5Score, done.ucla3, done.ucla3Score],
    );
  }

  /** A page of open follow-ups (with each case's citizen id, for the audit row) and the total. */
  async listOpen(
    filter: OpenFollowUpFilter,
    page: { sort: 'dueAt' | '-dueAt'; limit: number; offset: number },
  ): Promise<{ items: (FollowUpRow & { citizen_id: string })[]; total: number }> {
    const conditions = ['f.municipality_id = $1', "f.status = 'open'"];
    const params: unknown[] = [filter.municipalityId];
    const where = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.assignee) where('f.assignee_id = ?', filter.assignee);
    if (filter.areaId) where(`EXISTS (SELECT 1 FROM ${CASE_FACTS} r WHERE r.id = f.referral_id AND r.area_id = ?)`, filter.areaId);
    if (filter.kind) where('f.kind = ?', filter.kind);
    if (filter.dueFrom) where('f.due_at >= ?', filter.dueFrom);
    if (filter.dueBefore) where('f.due_at < ?', filter.dueBefore);
    if (filter.dueBy) where('f.due_at <= ?', filter.dueBy);
    if (filter.escalated) conditions.push('f.escalated_at IS NOT NULL');
    const sql = conditions.join(' AND ');
    // The count and the page side by side, on two connections (issue 20: the page waited
    // for the count). One statement with count(*) OVER () would have to read every match
    // before the LIMIT, where the page is an ordered index scan that stops at the limit.
    const [[{ total }], items] = await Promise.all([
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM follow_up f WHERE ${sql}`, params),
      this.dataSource.query<(FollowUpRow & { citizen_id: string })[]>(
        `SELECT f.*, r.citizen_id FROM follow_up f JOIN ${CASE_FACTS} r ON r.id = f.referral_id
          WHERE ${sql} ORDER BY f.due_at ${page.sort === '-dueAt' ? 'DESC' : 'ASC'}, f.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.limit, page.offset],
      ),
    ]);
    return { items, total };
  }

  /** Queue counts for the municipality, or for one brobygger (`own`). */
  async queueCounts(
    municipalityId: string,
    own: string | null,
    today: { start: Date; end: Date },
    now: Date,
    /** The brobygger's areas, for the public referrals awaiting a first call there (ADR 0030); null: the municipality's. */
    areaIds: string[] | null = null,
  ): Promise<Record<string, number>> {
    const [counts]: Record<string, number>[] = await this.dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM ${CASE_FACTS} r WHERE r.municipality_id = $1 AND r.status = 'unassigned' AND $2::uuid IS NULL) AS unassigned,
         (SELECT count(*)::int FROM ${CASE_FACTS} r WHERE r.municipality_id = $1 AND r.status = ANY($6)
             AND ($7::uuid[] IS NULL OR r.area_id = ANY($7))) AS "awaitingConsent",
         count(*) FILTER (WHERE f.kind = 'first_contact')::int AS "firstContactDue",
         count(*) FILTER (WHERE f.due_at >= $3 AND f.due_at < $4)::int AS "dueToday",
         count(*) FILTER (WHERE f.due_at <= $5)::int AS overdue,
         count(*) FILTER (WHERE f.escalated_at IS NOT NULL)::int AS escalated
       FROM follow_up f WHERE f.municipality_id = $1 AND f.status = 'open' AND ($2::uuid IS NULL OR f.assignee_id = $2)`,
      [municipalityId, own, today.start, today.end, now, [...UNCONSENTED_STATUSES], areaIds],
    );
    return counts;
  }

  /** Each active brobygger's caseload against capacity, the fullest first. */
  async caseloads(municipalityId: string): Promise<{ brobyggerId: string; activeCases: number; capacity: number }[]> {
    return this.dataSource.query(
      `SELECT id AS "brobyggerId", active_cases AS "activeCases", capacity FROM ${BROBYGGER_CASELOAD} b WHERE municipality_id = $1 AND active ORDER BY active_cases DESC`,
      [municipalityId],
    );
  }

  /** Per area: its open cases and those waiting for a brobygger. */
  async areaLoads(municipalityId: string): Promise<{ areaId: string; open: number; waiting: number }[]> {
    return this.dataSource.query(
      `SELECT area_id AS "areaId", count(*) FILTER (WHERE status <> ALL($2))::int AS open,
              count(*) FILTER (WHERE status = 'unassigned')::int AS waiting
         FROM ${CASE_FACTS} r WHERE municipality_id = $1 AND area_id IS NOT NULL AND status <> ALL($3)
        GROUP BY area_id`,
      [municipalityId, [...AWAITING_ASSIGNMENT_STATUSES], CLOSED_STATUSES],
    );
  }

  async byId(m: EntityManager, municipalityId: string, id: string): Promise<FollowUpRow[]> {
    return m.query('SELECT * FROM follow_up WHERE id = $1 AND municipality_id = $2', [id, municipalityId]);
  }

  async settings(m: EntityManager, municipalityId: string): Promise<Settings> {
    const [s]: Settings[] = await m.query(
      `SELECT time_zone, first_contact_working_days, follow_up_call_days, review_days, escalate_after_working_days,
              measurement_3m_working_days, measurement_9m_working_days
         FROM ${MUNICIPALITY_SETTINGS} mu WHERE id = $1`,
      [municipalityId],
    );
    return s;
  }
}
