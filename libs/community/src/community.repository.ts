import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MUNICIPALITY_SETTINGS } from '@bro/auth';
import type { HandoverAnswer } from '@bro/case-kernel';
import { OFFER_HOSTS, ORGANISATION_NAMES, PEOPLE_NAMES } from '@bro/directory';
import { returnedRows } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';

export interface HandoverRow {
  id: string;
  municipalityId: string;
  referralId: string;
  stepId: string;
  recipient: 'host' | 'companion';
  hostId: string | null;
  companionId: string | null;
  offerId: string | null;
  organisationId: string | null;
  firstVisitAt: Date;
  message: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  openedAt: Date | null;
  answer: HandoverAnswer | null;
  answerNote: string | null;
  answeredAt: Date | null;
  createdAt: Date;
}

export interface OfferCheckRow {
  id: string;
  municipalityId: string;
  offerId: string;
  hostId: string;
  sentAt: Date;
  answeredAt: Date | null;
  running: boolean | null;
}

export interface AssociationFigures {
  organisationId: string;
  organisation: string;
  sent: number;
  answered: number;
  attended: number;
  continuing: number;
  didNotAttend: number;
  cannotReceive: number;
}

const HANDOVER_COLUMNS = `h.id, h.municipality_id AS "municipalityId", h.referral_id AS "referralId", h.step_id AS "stepId", h.recipient,
  h.host_id AS "hostId", h.companion_id AS "companionId", h.offer_id AS "offerId", h.organisation_id AS "organisationId",
  h.first_visit_at AS "firstVisitAt", h.message, h.expires_at AS "expiresAt", h.revoked_at AS "revokedAt", h.opened_at AS "openedAt",
  h.answer, h.answer_note AS "answerNote", h.answered_at AS "answeredAt", h.created_at AS "createdAt"`;

const CHECK_COLUMNS = `id, municipality_id AS "municipalityId", offer_id AS "offerId", host_id AS "hostId", sent_at AS "sentAt",
  answered_at AS "answeredAt", running`;

/**
 * All SQL on the community lib's tables (ADR 0020, 0026): `handover` (a plan step handed
 * to a host or følgeven, found by its token's digest) and `offer_check`. Offers, hosts,
 * names and settings come from the read models the directory and auth publish.
 */
@Injectable()
export class CommunityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertHandover(
    m: EntityManager,
    h: Omit<HandoverRow, 'id' | 'revokedAt' | 'openedAt' | 'answer' | 'answerNote' | 'answeredAt' | 'createdAt'> & {
      tokenHash: string;
      sentBy: string;
      now: Date;
    },
  ): Promise<string> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO handover (municipality_id, referral_id, step_id, recipient, host_id, companion_id, offer_id, organisation_id,
                             token_hash, first_visit_at, message, expires_at, sent_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        h.municipalityId,
        h.referralId,
        h.stepId,
        h.recipient,
        h.hostId,
        h.companionId,
        h.offerId,
        h.organisationId,
        h.tokenHash,
        h.firstVisitAt,
        h.message,
        h.expiresAt,
        h.sentBy,
        h.now,
      ],
    );
    return row.id;
  }

  async handoverById(m: EntityManager, id: string): Promise<HandoverRow | null> {
    const [row] = await m.query<HandoverRow[]>(`SELECT ${HANDOVER_COLUMNS} FROM handover h WHERE h.id = $1`, [id]);
    return row ?? null;
  }

  /** The hand-off a token opens, locked when it is to be answered. */
  async handoverByToken(m: EntityManager, tokenHash: string, lock = false): Promise<HandoverRow | null> {
    const [row] = await m.query<HandoverRow[]>(
      `SELECT ${HANDOVER_COLUMNS} FROM handover h WHERE h.token_hash = $1${lock ? ' FOR UPDATE' : ''}`,
      [tokenHash],
    );
    return row ?? null;
  }

  async handoversOfCase(municipalityId: string, referralId: string): Promise<(HandoverRow & { recipientName: string | null })[]> {
    return this.dataSource.query(
      `SELECT ${HANDOVER_COLUMNS}, p.name AS "recipientName"
         FROM handover h LEFT JOIN ${PEOPLE_NAMES} p ON p.id = COALESCE(h.host_id, h.companion_id)
        WHERE h.municipality_id = $1 AND h.referral_id = $2 ORDER BY h.created_at, h.id`,
      [municipalityId, referralId],
    );
  }

  async markOpened(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query('UPDATE handover SET opened_at = COALESCE(opened_at, $2) WHERE id = $1', [id, at]);
  }

  async answer(m: EntityManager, id: string, answer: HandoverAnswer, note: string | null, at: Date): Promise<void> {
    await m.query('UPDATE handover SET answer = $2, answer_note = $3, answered_at = $4 WHERE id = $1', [id, answer, note, at]);
  }

  /** Ends every live hand-off of a case (closed, erased); returns their ids, whose messages lose their links. */
  async revokeOfCase(m: EntityManager, referralId: string, reason: string, at: Date, erase: boolean): Promise<string[]> {
    const rows = returnedRows<{ id: string }>(
      await m.query(
        `UPDATE handover SET revoked_at = COALESCE(revoked_at, $3), revoked_reason = COALESCE(revoked_reason, $2)
                           ${erase ? ', message = NULL, answer_note = NULL' : ''}
        WHERE referral_id = $1 RETURNING id`,
        [referralId, reason, at],
      ),
    );
    return rows.map((r) => r.id);
  }

  /** `GET /v1/community/figures`: per association, hand-offs sent, answered, attended and continuing. */
  async figures(municipalityId: string): Promise<AssociationFigures[]> {
    return this.dataSource.query(
      `SELECT g.id AS "organisationId", g.name AS organisation,
              count(*)::int AS sent,
              count(*) FILTER (WHERE h.answer IS NOT NULL)::int AS answered,
              count(*) FILTER (WHERE h.answer IN ('attended', 'continuing'))::int AS attended,
              count(*) FILTER (WHERE h.answer = 'continuing')::int AS continuing,
              count(*) FILTER (WHERE h.answer = 'did_not_attend')::int AS "didNotAttend",
              count(*) FILTER (WHERE h.answer = 'cannot_receive')::int AS "cannotReceive"
         FROM handover h JOIN ${ORGANISATION_NAMES} g ON g.id = h.organisation_id
        WHERE h.municipality_id = $1
        GROUP BY g.id, g.name ORDER BY g.name, g.id`,
      [municipalityId],
    );
  }

  /**
   * Offers with a host and no check within their municipality's `offerCheckMonths`,
   * not verified within it either: one host each (one with an e-mail first).
   */
  async offersDueForCheck(now: Date, limit: number): Promise<{ offerId: string; municipalityId: string; hostId: string }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (oh.offer_id) oh.offer_id AS "offerId", oh.municipality_id AS "municipalityId", oh.host_id AS "hostId"
         FROM ${OFFER_HOSTS} oh
         JOIN ${MUNICIPALITY_SETTINGS} mu ON mu.id = oh.municipality_id
        WHERE oh.offer_status = 'active'
          AND oh.last_verified_at <= $1::timestamptz - make_interval(months => mu.offer_check_months)
          AND NOT EXISTS (SELECT 1 FROM offer_check c WHERE c.offer_id = oh.offer_id
                           AND c.sent_at > $1::timestamptz - make_interval(months => mu.offer_check_months))
        ORDER BY oh.offer_id, oh.host_has_email DESC, oh.host_name, oh.host_id
        LIMIT $2`,
      [now, limit],
    );
  }

  async insertCheck(
    m: EntityManager,
    c: { municipalityId: string; offerId: string; hostId: string; tokenHash: string; sentAt: Date },
  ): Promise<string> {
    const [row] = await m.query<{ id: string }[]>(
      'INSERT INTO offer_check (municipality_id, offer_id, host_id, token_hash, sent_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [c.municipalityId, c.offerId, c.hostId, c.tokenHash, c.sentAt],
    );
    return row.id;
  }

  async checkByToken(m: EntityManager, tokenHash: string, lock = false): Promise<OfferCheckRow | null> {
    const [row] = await m.query<OfferCheckRow[]>(
      `SELECT ${CHECK_COLUMNS} FROM offer_check WHERE token_hash = $1${lock ? ' FOR UPDATE' : ''}`,
      [tokenHash],
    );
    return row ?? null;
  }

  async answerCheck(
    m: EntityManager,
    id: string,
    a: { running: boolean; freePlaces: number | null; schedule: string | null; note: string | null; at: Date },
  ): Promise<void> {
    await m.query('UPDATE offer_check SET answered_at = $2, running = $3, free_places = $4, schedule = $5, note = $6 WHERE id = $1', [
      id,
      a.at,
      a.running,
      a.freePlaces,
      a.schedule,
      a.note,
    ]);
  }

  /** Checks sent before `before` and still unanswered: flagged now (once); returns their offers. */
  async flagUnanswered(m: EntityManager, before: Date, at: Date): Promise<{ offerId: string; municipalityId: string }[]> {
    return returnedRows(
      await m.query(
        `UPDATE offer_check SET flagged_at = $2 WHERE answered_at IS NULL AND flagged_at IS NULL AND sent_at <= $1
       RETURNING offer_id AS "offerId", municipality_id AS "municipalityId"`,
        [before, at],
      ),
    );
  }
}
