import { Injectable } from '@nestjs/common';
import { returnedRows } from '@bro/platform';
import type { EntityManager } from 'typeorm';

/**
 * All SQL on the casework lib's own tables (ADR 0020): contact_attempt, conversation,
 * plan and plan_revision, each in the caller's transaction (or on the manager it
 * passes). The case row itself belongs to the referral lib: casework changes it only
 * through CaseService.
 */
@Injectable()
export class CaseworkRepository {
  /** Erasure after a withdrawal: the citizen's words and notes go; dates, kinds and scores stay. */
  async erase(m: EntityManager, referralId: string): Promise<void> {
    await m.query('UPDATE contact_attempt SET note = NULL WHERE referral_id = $1', [referralId]);
    await m.query(
      'UPDATE conversation SET notes = NULL, what_matters = NULL, wishes = NULL, want_to_try = NULL, location = $2, wheel = NULL WHERE referral_id = $1',
      [referralId, '[slettet]'],
    );
    await m.query('DELETE FROM plan_revision WHERE referral_id = $1', [referralId]);
    await m.query('DELETE FROM plan WHERE referral_id = $1', [referralId]);
  }

  async insertContactAttempt(
    m: EntityManager,
    a: {
      municipalityId: string;
      referralId: string;
      outcome: string;
      channel: string;
      note: string | null;
      attemptedAt: Date;
      actorId: string;
    },
  ): Promise<string> {
    const [attempt]: { id: string }[] = await m.query(
      `INSERT INTO contact_attempt (municipality_id, referral_id, outcome, channel, note, attempted_at, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [a.municipalityId, a.referralId, a.outcome, a.channel, a.note, a.attemptedAt, a.actorId],
    );
    return attempt.id;
  }

  /** The unanswered attempts since the citizen was last reached, oldest first. */
  async unansweredSinceReached(m: EntityManager, referralId: string): Promise<Date[]> {
    const attempts: { attempted_at: Date }[] = await m.query(
      `SELECT attempted_at FROM contact_attempt
        WHERE referral_id = $1 AND outcome = 'no_answer'
          AND attempted_at > COALESCE((SELECT max(attempted_at) FROM contact_attempt WHERE referral_id = $1 AND outcome = 'reached'), '-infinity')
        ORDER BY attempted_at`,
      [referralId],
    );
    return attempts.map((a) => a.attempted_at);
  }

  /** Inserts a conversation; `values` in the column order of the statement. */
  async insertConversation(m: EntityManager, values: unknown[]): Promise<string> {
    const [row]: { id: string }[] = await m.query(
      `INSERT INTO conversation (municipality_id, referral_id, kind, held_at, duration_minutes, location, wheel, notes,
                                 what_matters, wishes, want_to_try, who5, who5_score, ucla3, ucla3_score, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      values,
    );
    return row.id;
  }

  /** Replaces the plan and keeps the version as a revision; returns the new version. */
  async putPlan(
    m: EntityManager,
    p: { municipalityId: string; referralId: string; goals: unknown; steps: unknown; actorId: string },
  ): Promise<number> {
    const [{ version }]: { version: number }[] = await m.query(
      `INSERT INTO plan (referral_id, municipality_id, goals, steps, version, updated_by) VALUES ($1, $2, $3, $4, 1, $5)
       ON CONFLICT (referral_id) DO UPDATE SET goals = EXCLUDED.goals, steps = EXCLUDED.steps, version = plan.version + 1,
                                              updated_by = EXCLUDED.updated_by, updated_at = clock_timestamp()
       RETURNING version`,
      [p.referralId, p.municipalityId, JSON.stringify(p.goals), JSON.stringify(p.steps), p.actorId],
    );
    await m.query(
      'INSERT INTO plan_revision (municipality_id, referral_id, version, goals, steps, changed_by) VALUES ($1, $2, $3, $4, $5, $6)',
      [p.municipalityId, p.referralId, version, JSON.stringify(p.goals), JSON.stringify(p.steps), p.actorId],
    );
    return version;
  }

  /** What follow-ups hang on: when the first conversation was held, and whether a later one has been. */
  async conversationFacts(
    m: EntityManager,
    referralId: string,
  ): Promise<{ firstHeldAt: Date | null; laterConversations: number; lastScoredAt: Date | null }> {
    const [row]: { first_held_at: Date | null; later: number; last_scored_at: Date | null }[] = await m.query(
      `SELECT min(held_at) FILTER (WHERE kind = 'first') AS first_held_at,
              count(*) FILTER (WHERE kind <> 'first')::int AS later,
              max(held_at) FILTER (WHERE who5_score IS NOT NULL AND kind <> 'first') AS last_scored_at
         FROM conversation WHERE referral_id = $1`,
      [referralId],
    );
    return { firstHeldAt: row.first_held_at, laterConversations: row.later, lastScoredAt: row.last_scored_at };
  }

  /** A case's casework, one statement after the other (inside a transaction they share one connection). */
  async caseworkOf<A, C, P, R>(
    m: EntityManager,
    municipalityId: string,
    referralId: string,
  ): Promise<{ attempts: A[]; conversations: C[]; plans: P[]; revisions: R[] }> {
    const attempts = await m.query<A[]>(
      'SELECT outcome, channel, note, attempted_at FROM contact_attempt WHERE referral_id = $1 AND municipality_id = $2 ORDER BY attempted_at',
      [referralId, municipalityId],
    );
    const conversations = await m.query<C[]>(
      'SELECT * FROM conversation WHERE referral_id = $1 AND municipality_id = $2 ORDER BY held_at, created_at',
      [referralId, municipalityId],
    );
    const plans = await m.query<P[]>(
      'SELECT goals, steps, version, updated_by, updated_at FROM plan WHERE referral_id = $1 AND municipality_id = $2',
      [referralId, municipalityId],
    );
    const revisions = await m.query<R[]>(
      'SELECT version, changed_by, changed_at FROM plan_revision WHERE referral_id = $1 AND municipality_id = $2 ORDER BY version',
      [referralId, municipalityId],
    );
    return { attempts, conversations, plans, revisions };
  }

  /** The steps of a case's current plan (for their ids and what hand-offs hang on); locks the plan when asked. */
  async currentSteps<S>(m: EntityManager, municipalityId: string, referralId: string, lock = false): Promise<S[] | null> {
    const [row] = await m.query<{ steps: S[] }[]>(
      `SELECT steps FROM plan WHERE referral_id = $1 AND municipality_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [referralId, municipalityId],
    );
    return row ? row.steps : null;
  }

  /**
   * One step's status changes in place (a host's answer, a hand-off sent): the plan's
   * wording is unchanged, so no new version — the hand-off row says who answered when.
   */
  async setStepStatus(m: EntityManager, municipalityId: string, referralId: string, stepId: string, status: string): Promise<boolean> {
    const rows = returnedRows(
      await m.query(
        `UPDATE plan SET steps = (SELECT jsonb_agg(CASE WHEN s->>'id' = $3 THEN s || jsonb_build_object('status', $4::text) ELSE s END ORDER BY n)
                                  FROM jsonb_array_elements(steps) WITH ORDINALITY AS e(s, n)),
                       updated_at = clock_timestamp()
        WHERE referral_id = $1 AND municipality_id = $2 AND steps @> jsonb_build_array(jsonb_build_object('id', $3::text))
        RETURNING referral_id`,
        [referralId, municipalityId, stepId, status],
      ),
    );
    return rows.length > 0;
  }
}
