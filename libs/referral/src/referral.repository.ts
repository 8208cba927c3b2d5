import { CLOSED_STATUSES, HELD_STATUSES, OPEN_CASE_STATUSES, ReferralStatus } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import { returnedRows } from '@bro/platform';
import { Brackets, type EntityManager, In } from 'typeorm';
import type { ContactPreferences } from './citizen.entity';
import { Citizen } from './citizen.entity';
import { Referral, ReferralLink, ReferralStatusChange, ReportedDetails } from './referral.entity';
import { MUNICIPALITY_SETTINGS } from '@bro/auth';

/** The case lock: what `lockReferral` takes and why is said there. */
const CASE_LOCK = 'FOR NO KEY UPDATE';

/** The citizen's identity data as a referral gives it (and as the citizen row holds it). */
export interface CitizenDetails {
  name: string | null;
  phone: string | null;
  email: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  language: string | null;
  contactPreferences: ContactPreferences | null;
}

/** Who made a referral or a link, for "same clinic" and for disclosure. */
export interface ReferrerRef {
  userId: string;
  organisation: string | null;
}

export interface OpenCase {
  id: string;
  status: ReferralStatus;
  createdAt: Date;
  referrer: ReferrerRef;
  linkReferrers: ReferrerRef[];
}

/** Another clinic's referral held as a possible duplicate of (or linked to) an open case. */
export interface HeldReferral {
  id: string;
  status: ReferralStatus;
  createdAt: Date;
  referrer: ReferrerRef;
  linkReferrers: ReferrerRef[];
}

const DETAIL_COLUMNS = `name, phone, email, street, postcode, city, language, contact_preferences AS "contactPreferences"`;

/**
 * The SQL of intake, linking and possible duplicates (ADR 0014) on the referral lib's
 * own tables (citizen, referral, referral_link, reported_details), each in the caller's
 * transaction. Every statement is scoped by the row ids the caller found in its
 * municipality, or by the municipality itself.
 */
@Injectable()
export class ReferralRepository {
  // Entity reads for the views, linking and the milestone audience (TypeORM finds; the SQL further down).

  async referral(m: EntityManager, id: string, municipalityId: string): Promise<Referral | null> {
    return m.getRepository(Referral).findOneBy({ id, municipalityId });
  }

  /** A referral whose id the caller already holds from a locked row (TypeORM's not-found error otherwise). */
  async referralOrFail(m: EntityManager, id: string): Promise<Referral> {
    return m.getRepository(Referral).findOneByOrFail({ id });
  }

  async referralsByIds(m: EntityManager, municipalityId: string, ids: string[]): Promise<Referral[]> {
    return m.getRepository(Referral).findBy({ municipalityId, id: In(ids) });
  }

  /** Referrals by id in any municipality: the cases that referrals already found have joined. */
  async referralsWithIds(m: EntityManager, ids: string[]): Promise<Referral[]> {
    return m.getRepository(Referral).findBy({ id: In(ids) });
  }

  async statusesOf(m: EntityManager, ids: string[]): Promise<Pick<Referral, 'id' | 'status'>[]> {
    return m.getRepository(Referral).find({ where: { id: In(ids) }, select: { id: true, status: true } });
  }

  async referralsOfCitizen(m: EntityManager, municipalityId: string, citizenId: string): Promise<Referral[]> {
    return m.getRepository(Referral).find({ where: { citizenId, municipalityId }, order: { createdAt: 'ASC' } });
  }

  /** The referrals held as possible duplicates of a case or linked to it, oldest first. */
  async relatedTo(m: EntityManager, caseId: string, municipalityId: string): Promise<Referral[]> {
    return m.getRepository(Referral).find({ where: { duplicateOf: caseId, municipalityId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * A referral and the referrals confirmed into it as a case (`linked`, ADR 0014), in one
   * read: the milestone audience needs both for every milestone (issue 20: one statement
   * fewer per milestone). `linked` is empty for a referral that is no case.
   */
  async referralWithLinked(
    m: EntityManager,
    id: string,
    municipalityId: string,
  ): Promise<{ referral: Referral | null; linked: Referral[] }> {
    const rows = await m.getRepository(Referral).findBy([
      { id, municipalityId },
      { duplicateOf: id, status: 'linked', municipalityId },
    ]);
    return {
      referral: rows.find((r) => r.id === id) ?? null,
      linked: rows.filter((r) => r.id !== id).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)),
    };
  }

  async citizen(m: EntityManager, id: string, municipalityId: string): Promise<Citizen | null> {
    return m.getRepository(Citizen).findOneBy({ id, municipalityId });
  }

  async citizensByIds(m: EntityManager, municipalityId: string, ids: string[]): Promise<Citizen[]> {
    return m.getRepository(Citizen).findBy({ municipalityId, id: In(ids) });
  }

  /**
   * What a milestone tells of these referrals, in one round trip where it took three
   * (issue 20): their links, oldest first; the status history of `historyIds`, oldest
   * first; and, for a referral sent through the open door, its reference and the
   * sender's address (ADR 0030). Only what the referrer channel uses: no reasons or notes.
   */
  async milestoneFacts(
    m: EntityManager,
    referralIds: string[],
    historyIds: string[],
  ): Promise<{
    links: Pick<ReferralLink, 'id' | 'referralId' | 'referrerId' | 'referrerOrganisation'>[];
    history: Pick<ReferralStatusChange, 'referralId' | 'toStatus' | 'at'>[];
    senders: Map<string, { reference: string; referrerEmail: string | null }>;
  }> {
    const [row]: {
      links: Pick<ReferralLink, 'id' | 'referralId' | 'referrerId' | 'referrerOrganisation'>[];
      history: { referralId: string; toStatus: ReferralStatusChange['toStatus']; at: string }[];
      senders: { referralId: string; reference: string; referrerEmail: string | null }[];
    }[] = await m.query(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object('id', l.id, 'referralId', l.referral_id, 'referrerId', l.referrer_id,
                                                     'referrerOrganisation', l.referrer_organisation) ORDER BY l.created_at), '[]')
            FROM referral_link l WHERE l.referral_id = ANY($1)) AS links,
         (SELECT coalesce(json_agg(json_build_object('referralId', h.referral_id, 'toStatus', h.to_status, 'at', h.at) ORDER BY h.at, h.id), '[]')
            FROM referral_status_change h WHERE h.referral_id = ANY($2)) AS history,
         (SELECT coalesce(json_agg(json_build_object('referralId', p.referral_id, 'reference', p.reference, 'referrerEmail', p.referrer_email)), '[]')
            FROM public_referral p WHERE p.referral_id = ANY($1)) AS senders`,
      [referralIds, historyIds],
    );
    return {
      links: row.links,
      // JSON carries a time as ISO 8601 text; to the millisecond, as the driver reads a timestamptz.
      history: row.history.map((h) => ({ ...h, at: new Date(h.at) })),
      senders: new Map(row.senders.map(({ referralId, ...sender }) => [referralId, sender])),
    };
  }

  /** The links of these referrals, oldest first (in the municipality, when given). */
  async linksOf(m: EntityManager, referralIds: string[], municipalityId?: string): Promise<ReferralLink[]> {
    const referralId = In(referralIds);
    return m.getRepository(ReferralLink).find({
      where: municipalityId ? { municipalityId, referralId } : { referralId },
      order: { createdAt: 'ASC' },
    });
  }

  /** The status history of these referrals, oldest first. */
  async statusHistory(m: EntityManager, referralIds: string[]): Promise<ReferralStatusChange[]> {
    return m.getRepository(ReferralStatusChange).find({ where: { referralId: In(referralIds) }, order: { at: 'ASC', id: 'ASC' } });
  }

  async reportedDetailsOf(m: EntityManager, referralIds: string[]): Promise<ReportedDetails[]> {
    return m.getRepository(ReportedDetails).find({ where: { referralId: In(referralIds) }, order: { reportedAt: 'ASC', id: 'ASC' } });
  }

  /**
   * A page of the municipality's referrals, by status, area, holder, or (for a referrer)
   * those they or their organisation sent or joined — a narrowing pre-filter only: the
   * disclosure policy still decides each row. `orderBy` is a column named by code.
   */
  async listPage(
    m: EntityManager,
    q: {
      municipalityId: string;
      citizenId?: string;
      statuses?: readonly string[];
      areaId?: string;
      /** Any of these areas (a brobygger's, for public referrals awaiting a first call; ADR 0030). */
      areaIds?: string[];
      reason?: string;
      /** Background work gave up on it, or it is flagged to consider closing as unreachable. */
      needsAttention?: boolean;
      /** A name fragment (LIKE-escaped; folded by `bro_fold`) or phone digits (ADR 0024). */
      search?: { name: string } | { phoneDigits: string };
      referrer?: { userId: string; organisation: string | null };
      assignee?: string;
      /** A column named by code, or `name`: the citizen's folded name. */
      orderBy: string;
      direction: 'ASC' | 'DESC';
      offset: number;
      limit: number;
    },
  ): Promise<[Referral[], number]> {
    const qb = m.getRepository(Referral).createQueryBuilder('r').where('r.municipality_id = :m', { m: q.municipalityId });
    if (q.citizenId) qb.andWhere('r.citizen_id = :citizenId', { citizenId: q.citizenId });
    if (q.statuses) qb.andWhere('r.status IN (:...statuses)', { statuses: q.statuses });
    if (q.areaId) qb.andWhere('r.area_id = :areaId', { areaId: q.areaId });
    if (q.areaIds) qb.andWhere('r.area_id IN (:...areaIds)', { areaIds: q.areaIds });
    if (q.reason) qb.andWhere(':reason = ANY(r.reasons)', { reason: q.reason });
    if (q.needsAttention === true) qb.andWhere('(r.needs_attention IS NOT NULL OR r.consider_unreachable)');
    if (q.needsAttention === false) qb.andWhere('(r.needs_attention IS NULL AND NOT r.consider_unreachable)');
    const byName = q.orderBy === 'name';
    if (q.search || byName) qb.innerJoin(Citizen, 'c', 'c.id = r.citizen_id');
    if (q.search) {
      // A restricted case shows no name in a list, so it is not found by one either.
      qb.andWhere('r.restricted_at IS NULL');
      if ('phoneDigits' in q.search) {
        qb.andWhere("regexp_replace(c.phone, '[^0-9]', '', 'g') LIKE :digits", { digits: `%${q.search.phoneDigits}%` });
      } else {
        qb.andWhere(`bro_fold(c.name) LIKE '%' || bro_fold(:fragment) || '%'`, { fragment: q.search.name });
      }
    }
    const referrer = q.referrer;
    if (referrer) {
      qb.andWhere(
        new Brackets((w) => {
          w.where('r.referrer_id = :me', { me: referrer.userId }).orWhere(
            'EXISTS (SELECT 1 FROM referral_link l WHERE l.referral_id = r.id AND l.referrer_id = :me)',
          );
          if (referrer.organisation) {
            w.orWhere('r.referrer_organisation = :org', { org: referrer.organisation }).orWhere(
              'EXISTS (SELECT 1 FROM referral_link l WHERE l.referral_id = r.id AND l.referrer_organisation = :org)',
            );
          }
        }),
      );
    }
    if (q.assignee) qb.andWhere('r.assignee_id = :assignee', { assignee: q.assignee });
    if (byName) {
      // Restricted cases hide their name in lists: they sort last, not by it.
      qb.addSelect('CASE WHEN r.restricted_at IS NULL THEN bro_fold(c.name) END', 'folded_name');
      qb.orderBy('folded_name', q.direction, 'NULLS LAST');
    } else {
      qb.orderBy(q.orderBy, q.direction);
    }
    qb.addOrderBy('r.id', q.direction);
    return qb.skip(q.offset).take(q.limit).getManyAndCount();
  }

  /** The municipality's citizen with this keyed CPR hash, if any. */
  /**
   * The case a message about a citizen belongs to (MedCom, ADR 0028): the citizen found by
   * the keyed CPR hash, their open case before a closed one, the newest first; a referral
   * that is no case of its own (held or linked) or an erased one is none.
   */
  async caseOfCitizen(
    m: EntityManager,
    municipalityId: string,
    lookupHash: string,
  ): Promise<{ referralId: string; citizenId: string } | null> {
    const rows: { referralId: string; citizenId: string }[] = await m.query(
      `SELECT r.id AS "referralId", r.citizen_id AS "citizenId" FROM referral r JOIN citizen c ON c.id = r.citizen_id
        WHERE c.municipality_id = $1 AND c.cpr_hmac = $2 AND r.municipality_id = $1 AND r.erased_at IS NULL
          AND r.status NOT IN ('possible_duplicate', 'linked')
        ORDER BY (r.closed_at IS NULL) DESC, r.created_at DESC LIMIT 1`,
      [municipalityId, lookupHash],
    );
    return rows[0] ?? null;
  }

  /** Who a case is about, for a message to a GP (MedCom): the sealed CPR and the name; null once erased. */
  async citizenOfCase(m: EntityManager, municipalityId: string, referralId: string) {
    const rows: { ciphertext: string | null; keyId: string | null; name: string | null }[] = await m.query(
      `SELECT c.cpr_ciphertext AS ciphertext, c.cpr_key_id AS "keyId", c.name FROM referral r JOIN citizen c ON c.id = r.citizen_id
        WHERE r.id = $1 AND r.municipality_id = $2 AND r.erased_at IS NULL`,
      [referralId, municipalityId],
    );
    return rows[0] ?? null;
  }

  async citizenByLookupHash(m: EntityManager, municipalityId: string, lookupHash: string): Promise<Citizen | null> {
    return m.getRepository(Citizen).findOneBy({ municipalityId, cprHmac: lookupHash });
  }

  /**
   * Finds the citizen by keyed CPR hash, or creates them, and locks the row for the rest
   * of the transaction — concurrent referrals of one citizen queue up here. An existing
   * citizen's data is returned as it is and not changed: whether it may be depends on
   * whether they have an open case.
   */
  async findOrCreateCitizen(
    m: EntityManager,
    municipalityId: string,
    lookupHash: string,
    sealed: { ciphertext: string; keyId: string },
    d: CitizenDetails,
    addressProtected: boolean,
  ): Promise<{ id: string; inserted: boolean; current: CitizenDetails }> {
    const [row]: (CitizenDetails & { id: string; inserted: boolean })[] = await m.query(
      `INSERT INTO citizen (municipality_id, cpr_hmac, cpr_ciphertext, cpr_key_id, name, phone, email,
                            street, postcode, city, language, contact_preferences, address_protected)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, COALESCE($12::jsonb, '{}'), $13)
       ON CONFLICT (municipality_id, cpr_hmac) DO UPDATE SET updated_at = citizen.updated_at,
         -- Any referral may add name-and-address protection, none may lift it (ADR 0015): it
         -- only ever hides more, so even a held possible duplicate may set it.
         address_protected = citizen.address_protected OR EXCLUDED.address_protected
       RETURNING id, (xmax = 0) AS inserted, ${DETAIL_COLUMNS}`,
      [municipalityId, lookupHash, sealed.ciphertext, sealed.keyId, ...detailParams(d), addressProtected],
    );
    const { id, inserted, ...current } = row;
    return { id, inserted, current };
  }

  /**
   * A citizen without a CPR number (a public referral, ADR 0030): a row of their own,
   * never found by CPR — `cpr_hmac` holds a fresh random value, as after erasure — so
   * only a coordinator's decision can join them to a citizen Bro knows.
   */
  async insertCitizenWithoutCpr(m: EntityManager, municipalityId: string, d: CitizenDetails): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO citizen (municipality_id, cpr_hmac, name, phone, email, street, postcode, city, language, contact_preferences)
       VALUES ($1, 'unknown:' || gen_random_uuid(), $2, $3, $4, $5, $6, $7, $8, COALESCE($9::jsonb, '{}'))
       RETURNING id`,
      [municipalityId, ...detailParams(d)],
    );
    return id;
  }

  /**
   * A citizen of the municipality for a coordinator's join (ADR 0033): their details, and
   * whether they were made without a CPR number (a public referral's) or erased. Another
   * municipality's citizen is null, as one that does not exist.
   */
  async citizenForJoin(
    m: EntityManager,
    municipalityId: string,
    citizenId: string,
  ): Promise<{ id: string; cprLess: boolean; erased: boolean; details: CitizenDetails } | null> {
    const [row]: (CitizenDetails & { id: string; cprLess: boolean; erased: boolean })[] = await m.query(
      `SELECT id, cpr_hmac LIKE 'unknown:%' AS "cprLess", erased_at IS NOT NULL AS erased, ${DETAIL_COLUMNS}
         FROM citizen WHERE id = $1 AND municipality_id = $2`,
      [citizenId, municipalityId],
    );
    if (!row) return null;
    const { id, cprLess, erased, ...details } = row;
    return { id, cprLess, erased, details };
  }

  /** A coordinator joined the referral's CPR-less citizen to a known one: the referral is theirs now (and may duplicate their open case). */
  async moveToCitizen(m: EntityManager, referralId: string, citizenId: string, duplicateOf: string | null): Promise<void> {
    await m.query('UPDATE referral SET citizen_id = $2, duplicate_of = $3, updated_at = now() WHERE id = $1', [
      referralId,
      citizenId,
      duplicateOf,
    ]);
  }

  /** A public referral waiting for first contact is shown to the brobyggere of its area (not a holder: no capacity taken). */
  async setAreaOf(m: EntityManager, referralId: string, areaId: string | null): Promise<void> {
    await m.query('UPDATE referral SET area_id = $2, updated_at = now() WHERE id = $1', [referralId, areaId]);
  }

  /** The citizen's cases other than this one that still hold their data (so erasing this one may erase the citizen). */
  async otherUnerasedReferralsOf(m: EntityManager, citizenId: string, referralId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await m.query(
      'SELECT count(*)::int AS n FROM referral WHERE citizen_id = $1 AND id <> $2 AND erased_at IS NULL',
      [citizenId, referralId],
    );
    return n;
  }

  /**
   * A new case of a known citizen (no case open): the referral's details are the
   * freshest, as before ADR 0014. Never called for a link or a possible duplicate.
   */
  async refreshCitizen(m: EntityManager, citizenId: string, sealed: { ciphertext: string; keyId: string }, d: CitizenDetails) {
    await m.query(
      `UPDATE citizen SET cpr_ciphertext = $2, cpr_key_id = $3, name = $4, street = $7, postcode = $8, city = $9,
              phone = COALESCE($5, phone), email = COALESCE($6, email), language = COALESCE($10, language),
              contact_preferences = COALESCE($11::jsonb, contact_preferences), erased_at = NULL, updated_at = now()
        WHERE id = $1`,
      [citizenId, sealed.ciphertext, sealed.keyId, ...detailParams(d)],
    );
  }

  /**
   * The citizen's open case of its own and the referrals held as possible duplicates of
   * it or linked to it, each with who referred it (the referral and its links) — in one
   * statement, run for every intake (a new citizen's finds nothing), so the work does not
   * differ much between an unknown citizen and one with a case.
   */
  async openMatterOf(m: EntityManager, citizenId: string): Promise<{ open: OpenCase | null; held: HeldReferral[] }> {
    const rows: {
      id: string;
      status: ReferralStatus;
      created_at: Date;
      referrer_id: string;
      referrer_organisation: string | null;
      duplicate_of: string | null;
      links: ReferrerRef[];
    }[] = await m.query(
      `SELECT r.id, r.status, r.created_at, r.referrer_id, r.referrer_organisation, r.duplicate_of,
              COALESCE((SELECT json_agg(json_build_object('userId', l.referrer_id, 'organisation', l.referrer_organisation))
                          FROM referral_link l WHERE l.referral_id = r.id), '[]') AS links
         FROM referral r
        WHERE r.citizen_id = $1 AND (r.status = ANY($2) OR r.status = ANY($3))
        ORDER BY r.created_at, r.id`,
      [citizenId, OPEN_CASE_STATUSES, HELD_STATUSES],
    );
    const entry = (r: (typeof rows)[number]) => ({
      id: r.id,
      status: r.status,
      createdAt: r.created_at,
      referrer: { userId: r.referrer_id, organisation: r.referrer_organisation },
      linkReferrers: r.links,
    });
    const open = rows.find((r) => (OPEN_CASE_STATUSES as readonly string[]).includes(r.status));
    if (!open) return { open: null, held: [] };
    return { open: entry(open), held: rows.filter((r) => r.duplicate_of === open.id && r.id !== open.id).map(entry) };
  }

  /** The citizen's open case of its own, if any. */
  async openCaseOf(m: EntityManager, citizenId: string): Promise<OpenCase | null> {
    return (await this.openMatterOf(m, citizenId)).open;
  }

  /** A new referral row with the first row of its history; only the case lifecycle calls this (`CaseLifecycle.open`). */
  async insertReferral(
    m: EntityManager,
    r: {
      municipalityId: string;
      citizenId: string;
      referrer: ReferrerRef;
      status: 'submitted' | 'possible_duplicate' | 'awaiting_consent';
      reasons: string[];
      note: string | null;
      duplicateOf: string | null;
    },
    actorId: string | null,
  ): Promise<{ id: string; createdAt: Date }> {
    // One statement for the row and the first line of its history (issue 20: one round trip fewer per intake).
    const [row]: { id: string; created_at: Date }[] = await m.query(
      `WITH row AS (
         INSERT INTO referral (municipality_id, citizen_id, referrer_id, referrer_organisation, status, reasons, note, duplicate_of)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, created_at, municipality_id, status),
       h AS (
         INSERT INTO referral_status_change (municipality_id, referral_id, from_status, to_status, actor_id, reason)
         SELECT municipality_id, id, NULL, status, $9, NULL FROM row)
       SELECT id, created_at FROM row`,
      [r.municipalityId, r.citizenId, r.referrer.userId, r.referrer.organisation, r.status, r.reasons, r.note, r.duplicateOf, actorId],
    );
    return { id: row.id, createdAt: row.created_at };
  }

  async insertLink(
    m: EntityManager,
    l: { municipalityId: string; referralId: string; referrer: ReferrerRef; reasons: string[]; note: string | null },
  ): Promise<string> {
    const [row]: { id: string }[] = await m.query(
      `INSERT INTO referral_link (municipality_id, referral_id, referrer_id, referrer_organisation, reasons, note)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [l.municipalityId, l.referralId, l.referrer.userId, l.referrer.organisation, l.reasons, l.note],
    );
    await m.query('UPDATE referral SET updated_at = now() WHERE id = $1', [l.referralId]);
    return row.id;
  }

  async insertReportedDetails(
    m: EntityManager,
    r: { municipalityId: string; citizenId: string; referralId: string; referralLinkId: string | null; referrer: ReferrerRef },
    differing: Partial<CitizenDetails>,
  ): Promise<void> {
    await m.query(
      `INSERT INTO reported_details (municipality_id, citizen_id, referral_id, referral_link_id, referrer_id, referrer_organisation,
                                     name, phone, email, street, postcode, city, language, contact_preferences)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb)`,
      [
        r.municipalityId,
        r.citizenId,
        r.referralId,
        r.referralLinkId,
        r.referrer.userId,
        r.referrer.organisation,
        ...detailParams(differing),
      ],
    );
  }

  /**
   * A status change: the referral's status (and closing time) and its row of the status
   * history (`from` null: its first), in one statement — every transition does both
   * (issue 20: one round trip fewer). Only the case lifecycle calls this (ADR 0020): it
   * checks the transition table first.
   */
  async recordStatus(
    m: EntityManager,
    c: {
      municipalityId: string;
      referralId: string;
      from: ReferralStatus | null;
      to: ReferralStatus;
      closes: boolean;
      actorId: string | null;
      reason: string | null;
    },
  ): Promise<void> {
    await m.query(
      // Only a reopened case leaves a closed status, and then it is open again: no closing time.
      `WITH changed AS (
         UPDATE referral SET status = $4, updated_at = now(), closed_at = CASE WHEN $5 THEN now() ELSE NULL END WHERE id = $2 RETURNING id)
       INSERT INTO referral_status_change (municipality_id, referral_id, from_status, to_status, actor_id, reason)
       SELECT $1, id, $3, $4, $6, $7 FROM changed`,
      [c.municipalityId, c.referralId, c.from, c.to, c.closes, c.actorId, c.reason],
    );
  }

  /** Where a referral stands for a duplicate decision: its citizen, and the case it may duplicate. */
  async duplicateFacts(m: EntityManager, municipalityId: string, referralId: string) {
    const [row]: { citizen_id: string; duplicate_of: string | null }[] = await m.query(
      'SELECT citizen_id, duplicate_of FROM referral WHERE id = $1 AND municipality_id = $2',
      [referralId, municipalityId],
    );
    return row ? { citizenId: row.citizen_id, duplicateOf: row.duplicate_of } : null;
  }

  /** The brobygger a case is assigned to (its id), if any. */
  async assigneeOf(m: EntityManager, municipalityId: string, caseId: string): Promise<string | null> {
    const [row]: { assignee_id: string | null }[] = await m.query(
      'SELECT assignee_id FROM referral WHERE id = $1 AND municipality_id = $2',
      [caseId, municipalityId],
    );
    return row?.assignee_id ?? null;
  }

  /** A case changed through something attached to it (a referral confirmed into it). */
  async touch(m: EntityManager, referralId: string): Promise<void> {
    await m.query('UPDATE referral SET updated_at = now() WHERE id = $1', [referralId]);
  }

  /** Locks the citizen row: a duplicate decision and an intake of the same citizen take turns. */
  async lockCitizen(m: EntityManager, citizenId: string): Promise<void> {
    await m.query('SELECT 1 FROM citizen WHERE id = $1 FOR UPDATE', [citizenId]);
  }

  /** Records staff's decision on a possible duplicate (the status change itself goes through the lifecycle). */
  async recordDuplicateDecision(
    m: EntityManager,
    referralId: string,
    d: { decision: 'confirmed' | 'rejected'; decidedBy: string; note: string | null; duplicateOf: string },
  ): Promise<void> {
    await m.query(
      `UPDATE referral SET duplicate_decision = $2, duplicate_decided_by = $3, duplicate_decided_at = now(), duplicate_note = $4,
              duplicate_of = $5, updated_at = now()
        WHERE id = $1`,
      [referralId, d.decision, d.decidedBy, d.note, d.duplicateOf],
    );
  }

  /** One reported detail a case's staff decide on: from its own links, or from a referral confirmed into it. */
  async detailsFor(m: EntityManager, caseId: string, detailId: string) {
    const [row]: (CitizenDetails & { id: string; citizen_id: string; decision: string | null })[] = await m.query(
      `SELECT d.id, d.citizen_id, d.decision, d.name, d.phone, d.email, d.street, d.postcode, d.city, d.language,
              d.contact_preferences AS "contactPreferences"
         FROM reported_details d
        WHERE d.id = $2
          AND (d.referral_id = $1 OR d.referral_id IN (SELECT id FROM referral WHERE duplicate_of = $1 AND status = 'linked'))
        FOR UPDATE OF d`,
      [caseId, detailId],
    );
    return row ?? null;
  }

  async decideDetails(
    m: EntityManager,
    where: { detailId: string } | { referralId: string },
    decision: 'accepted' | 'ignored',
    decidedBy: string,
  ) {
    const [column, value] = 'detailId' in where ? ['id', where.detailId] : ['referral_id', where.referralId];
    await m.query(
      `UPDATE reported_details SET decision = $2, decided_by = $3, decided_at = now() WHERE ${column} = $1 AND decision IS NULL`,
      [value, decision, decidedBy],
    );
  }

  /** Applies accepted details to the citizen: only the fields that were reported. */
  async applyDetails(m: EntityManager, citizenId: string, d: CitizenDetails): Promise<void> {
    const address = d.street !== null || d.postcode !== null || d.city !== null;
    await m.query(
      `UPDATE citizen SET name = COALESCE($2, name), phone = COALESCE($3, phone), email = COALESCE($4, email),
              street = CASE WHEN $9 THEN $5 ELSE street END, postcode = CASE WHEN $9 THEN $6 ELSE postcode END,
              city = CASE WHEN $9 THEN $7 ELSE city END, language = COALESCE($8, language),
              contact_preferences = COALESCE($10::jsonb, contact_preferences), updated_at = now()
        WHERE id = $1`,
      [
        citizenId,
        d.name,
        d.phone,
        d.email,
        d.street,
        d.postcode,
        d.city,
        d.language,
        address,
        d.contactPreferences ? JSON.stringify(d.contactPreferences) : null,
      ],
    );
  }

  /** One referral's undecided reported details, oldest first (applied when it is routed as a new case). */
  async undecidedDetailsOf(m: EntityManager, referralId: string): Promise<CitizenDetails[]> {
    return m.query(`SELECT ${DETAIL_COLUMNS} FROM reported_details WHERE referral_id = $1 AND decision IS NULL ORDER BY reported_at`, [
      referralId,
    ]);
  }

  /** Erasure: reported details are personal data of the referral that brought them. */
  async eraseHeldData(m: EntityManager, referralId: string): Promise<void> {
    await m.query('DELETE FROM reported_details WHERE referral_id = $1', [referralId]);
    await m.query('UPDATE referral SET duplicate_note = NULL WHERE id = $1', [referralId]);
  }

  /** Referrals linked to a case: they are erased with it. */
  async linkedTo(m: EntityManager, caseId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query("SELECT id FROM referral WHERE duplicate_of = $1 AND status = 'linked'", [caseId]);
    return rows.map((r) => r.id);
  }

  /** A citizen's referrals still held as possible duplicates (they end when the citizen's data goes). */
  async heldOfCitizen(m: EntityManager, citizenId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      "SELECT id FROM referral WHERE citizen_id = $1 AND status = 'possible_duplicate' ORDER BY created_at",
      [citizenId],
    );
    return rows.map((r) => r.id);
  }

  // ── CPR key rotation ──

  /** Citizens whose CPR is sealed under another key than `currentKey`, locked (rows someone else holds are skipped). */
  async lockSealedUnderOtherKey(
    m: EntityManager,
    currentKey: string,
    limit: number,
  ): Promise<{ id: string; cpr_ciphertext: string; cpr_key_id: string }[]> {
    return m.query(
      `SELECT id, cpr_ciphertext, cpr_key_id FROM citizen
        WHERE cpr_ciphertext IS NOT NULL AND cpr_key_id <> $1 LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [currentKey, limit],
    );
  }

  async reseal(m: EntityManager, citizenId: string, sealed: { ciphertext: string; keyId: string }): Promise<void> {
    await m.query('UPDATE citizen SET cpr_ciphertext = $2, cpr_key_id = $3 WHERE id = $1', [citizenId, sealed.ciphertext, sealed.keyId]);
  }

  // ── The case's own facts, restriction and erasure (CaseService) ──

  async restrictReferral(m: EntityManager, referralId: string): Promise<void> {
    await m.query('UPDATE referral SET restricted_at = now(), updated_at = now() WHERE id = $1', [referralId]);
  }

  /** Every case of the citizen not restricted yet becomes restricted. */
  async restrictCitizen(m: EntityManager, citizenId: string): Promise<void> {
    await m.query('UPDATE referral SET restricted_at = now(), updated_at = now() WHERE citizen_id = $1 AND restricted_at IS NULL', [
      citizenId,
    ]);
  }

  async unerasedReferralsOf(m: EntityManager, citizenId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query('SELECT id FROM referral WHERE citizen_id = $1 AND erased_at IS NULL', [citizenId]);
    return rows.map((r) => r.id);
  }

  /** The citizen's personal data goes; ids, times and the row stay. */
  async eraseCitizen(m: EntityManager, citizenId: string): Promise<void> {
    await m.query(
      `UPDATE citizen SET name = NULL, phone = NULL, email = NULL, street = NULL, city = NULL, language = NULL,
              cpr_ciphertext = NULL, cpr_key_id = NULL, contact_preferences = '{}', address_protected = false,
              erased_at = now(), updated_at = now(),
              -- a fresh random value: the erased citizen can no longer be found by CPR
              cpr_hmac = 'erased:' || gen_random_uuid()
        WHERE id = $1`,
      [citizenId],
    );
  }

  /** The case's notes, summary and contacts go; says whether it changed in the last 15 days (jobs may still name it). */
  async eraseReferral(m: EntityManager, referralId: string): Promise<{ municipalityId: string; recent: boolean }> {
    const [{ municipality_id: municipalityId, recent }] = returnedRows<{ municipality_id: string; recent: boolean }>(
      await m.query(
        `UPDATE referral SET note = NULL, summary = NULL, other_contacts = '[]', responsible_contact = NULL,
                erased_at = now(), updated_at = now()
          WHERE id = $1
          RETURNING municipality_id, (SELECT r.updated_at > now() - interval '15 days' FROM referral r WHERE r.id = $1) AS recent`,
        [referralId],
      ),
    );
    return { municipalityId, recent };
  }

  async eraseLinkNotesAndHoldReasons(m: EntityManager, referralId: string): Promise<void> {
    await m.query('UPDATE referral_link SET note = NULL WHERE referral_id = $1', [referralId]);
    // Free-text reasons: why a case paused, and why it was reopened (routed again as `submitted`).
    await m.query("UPDATE referral_status_change SET reason = NULL WHERE referral_id = $1 AND to_status IN ('on_hold', 'submitted')", [
      referralId,
    ]);
  }

  /**
   * Cases closed longer ago than their municipality's retention period, locked (rows
   * someone else holds are skipped). Reads the municipality's retention setting in the
   * same statement: a batch over every municipality, through auth's published read model (ADR 0022).
   */
  async lockExpiredCases(m: EntityManager, limit: number): Promise<{ id: string; municipality_id: string; citizen_id: string }[]> {
    return m.query(
      `SELECT r.id, r.municipality_id, r.citizen_id FROM referral r JOIN ${MUNICIPALITY_SETTINGS} mu ON mu.id = r.municipality_id
        WHERE r.closed_at IS NOT NULL AND r.erased_at IS NULL
          AND r.closed_at < now() - make_interval(years => mu.retention_years)
        ORDER BY r.closed_at LIMIT $1 FOR UPDATE OF r SKIP LOCKED`,
      [limit],
    );
  }

  /** Citizens none of whose cases is left unerased, locked (rows someone else holds are skipped). */
  async lockCitizensWithoutCases(m: EntityManager, limit: number): Promise<{ id: string; municipality_id: string }[]> {
    return m.query(
      `SELECT c.id, c.municipality_id FROM citizen c
        WHERE c.erased_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.citizen_id = c.id AND r.erased_at IS NULL)
        LIMIT $1 FOR UPDATE OF c SKIP LOCKED`,
      [limit],
    );
  }

  /** With `lock`, also takes the case lock (`lockReferral`'s) in the same statement: a sync does both (issue 20). */
  async followUpFacts(m: EntityManager, municipalityId: string, referralId: string, lock = false) {
    const rows: {
      status: ReferralStatus;
      assignee_id: string | null;
      closed_at: Date | null;
      first_assigned_at: Date | null;
      restricted: boolean;
      erased: boolean;
    }[] = await m.query(
      `SELECT r.status, r.assignee_id, r.closed_at, r.restricted_at IS NOT NULL AS restricted, r.erased_at IS NOT NULL AS erased,
              (SELECT min(a.assigned_at) FROM referral_assignment a WHERE a.referral_id = r.id) AS first_assigned_at
         FROM referral r WHERE r.id = $1 AND r.municipality_id = $2${lock ? ` ${CASE_LOCK} OF r` : ''}`,
      [referralId, municipalityId],
    );
    return rows[0] ?? null;
  }

  /** The case's citizen and their name (null once erased), for what the disclosure policy lets a hand-off show of it. */
  async citizenOf(
    m: EntityManager,
    municipalityId: string,
    referralId: string,
  ): Promise<{ citizenId: string; name: string | null } | null> {
    const [row] = await m.query<{ citizenId: string; name: string | null }[]>(
      'SELECT c.id AS "citizenId", c.name FROM referral r JOIN citizen c ON c.id = r.citizen_id WHERE r.id = $1 AND r.municipality_id = $2',
      [referralId, municipalityId],
    );
    return row ?? null;
  }

  /** The closing outcome (and, on completion, the summary and whether the citizen approved it). */
  async setOutcome(
    m: EntityManager,
    referralId: string,
    o: { outcome: string; summary?: string | null; summaryApproved?: boolean },
  ): Promise<void> {
    if (o.summary === undefined) await m.query('UPDATE referral SET outcome = $2 WHERE id = $1', [referralId, o.outcome]);
    else
      await m.query('UPDATE referral SET outcome = $2, summary = $3, summary_approved = $4 WHERE id = $1', [
        referralId,
        o.outcome,
        o.summary,
        o.summaryApproved ?? false,
      ]);
  }

  /** The status a case on hold was paused from (its latest hold). */
  /**
   * The name each referral (or link) reported when it differed from the citizen's, keyed
   * by the link's id when given, else the referral's: what that referrer gave (ADR 0024).
   */
  async reportedNames(m: EntityManager, own: { referralId: string; linkId: string | null }[]): Promise<Map<string, string>> {
    if (own.length === 0) return new Map();
    const rows: { key: string; name: string }[] = await m.query(
      `SELECT DISTINCT ON (key) COALESCE(referral_link_id, referral_id) AS key, name
         FROM reported_details
        WHERE name IS NOT NULL
          AND ((referral_link_id IS NULL AND referral_id = ANY($1)) OR referral_link_id = ANY($2))
        ORDER BY key, reported_at DESC`,
      [own.filter((o) => !o.linkId).map((o) => o.referralId), own.map((o) => o.linkId).filter((id): id is string => id !== null)],
    );
    return new Map(rows.map((r) => [r.key, r.name]));
  }

  /** A reopened case has no outcome until it closes again (the statistics count closed cases by it). */
  async clearOutcome(m: EntityManager, referralId: string): Promise<void> {
    await m.query('UPDATE referral SET outcome = NULL WHERE id = $1', [referralId]);
  }

  async statusBeforeHold(m: EntityManager, referralId: string): Promise<ReferralStatus> {
    const [paused]: { from_status: ReferralStatus }[] = await m.query(
      "SELECT from_status FROM referral_status_change WHERE referral_id = $1 AND to_status = 'on_hold' ORDER BY at DESC, id DESC LIMIT 1",
      [referralId],
    );
    return paused.from_status;
  }

  // ── Case facts casework changes (through CaseService) ──

  /** Whether any of the citizen's cases ever reached contact (the municipality acted on it). */
  async citizenWasContacted(m: EntityManager, citizenId: string): Promise<boolean> {
    const [{ contacted }]: { contacted: boolean }[] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM referral_status_change s JOIN referral x ON x.id = s.referral_id
                       WHERE x.citizen_id = $1 AND s.to_status = 'contacted') AS contacted`,
      [citizenId],
    );
    return contacted;
  }

  async setConsiderUnreachable(m: EntityManager, referralId: string, unreachable: boolean): Promise<void> {
    // Clearing leaves updated_at alone, as reaching the citizen always did.
    if (unreachable) await m.query('UPDATE referral SET consider_unreachable = true, updated_at = now() WHERE id = $1', [referralId]);
    else await m.query('UPDATE referral SET consider_unreachable = false WHERE id = $1', [referralId]);
  }

  async setContacts(m: EntityManager, referralId: string, otherContacts: unknown[], responsibleContact: string | null): Promise<void> {
    await m.query('UPDATE referral SET other_contacts = $2, responsible_contact = $3, updated_at = now() WHERE id = $1', [
      referralId,
      JSON.stringify(otherContacts),
      responsibleContact,
    ]);
  }

  // ── Assignment: who holds a case (the status itself is the lifecycle's to write) ──

  /** A citizen's postcode and language, for matching. */
  async matchingFactsOfCitizen(m: EntityManager, citizenId: string): Promise<{ postcode: string | null; language: string | null }> {
    const [citizen]: { postcode: string | null; language: string | null }[] = await m.query(
      'SELECT postcode, language FROM citizen WHERE id = $1',
      [citizenId],
    );
    return citizen;
  }

  /**
   * What matching weighs of a citizen (their postcode and language) and the brobyggere
   * who held any of their cases, most recent first — in one round trip (issue 20).
   */
  async matchingFactsWithHistory(
    m: EntityManager,
    citizenId: string,
  ): Promise<{ postcode: string | null; language: string | null; previousBrobyggerIds: string[] }> {
    const [citizen]: { postcode: string | null; language: string | null; previousBrobyggerIds: string[] }[] = await m.query(
      `SELECT c.postcode, c.language,
              ARRAY(SELECT a.brobygger_id FROM referral_assignment a JOIN referral x ON x.id = a.referral_id
                     WHERE x.citizen_id = c.id ORDER BY a.assigned_at DESC) AS "previousBrobyggerIds"
         FROM citizen c WHERE c.id = $1`,
      [citizenId],
    );
    return citizen;
  }

  async overrideArea(m: EntityManager, referralId: string, areaId: string): Promise<void> {
    await m.query('UPDATE referral SET area_id = $2, area_overridden = true, updated_at = now() WHERE id = $1', [referralId, areaId]);
  }

  /** The ids of the cases a brobygger holds that are not closed, oldest first. */
  async openCasesOfBrobygger(m: EntityManager, brobyggerId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      'SELECT id FROM referral WHERE assignee_id = $1 AND status <> ALL($2) ORDER BY created_at',
      [brobyggerId, CLOSED_STATUSES],
    );
    return rows.map((r) => r.id);
  }

  /** An area's waiting (unassigned) referrals, oldest first. */
  async waitingInArea(m: EntityManager, municipalityId: string, areaId: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM referral WHERE municipality_id = $1 AND area_id = $2 AND status = 'unassigned'
        ORDER BY created_at, id LIMIT $3`,
      [municipalityId, areaId, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Referrals still `submitted` after `olderThanMs` (their match job was lost). */
  async staleSubmitted(m: EntityManager, olderThanMs: number): Promise<{ referralId: string; municipalityId: string }[]> {
    return m.query(
      `SELECT id AS "referralId", municipality_id AS "municipalityId" FROM referral
        WHERE status = 'submitted' AND created_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY created_at LIMIT 1000`,
      [olderThanMs],
    );
  }

  /** Areas with referrals waiting in the unassigned queue. */
  async areasWithWaiting(m: EntityManager): Promise<{ areaId: string; municipalityId: string }[]> {
    return m.query(
      `SELECT DISTINCT area_id AS "areaId", municipality_id AS "municipalityId" FROM referral
        WHERE status = 'unassigned' AND area_id IS NOT NULL`,
    );
  }

  async markNeedsAttention(m: EntityManager, referralId: string, municipalityId: string, what: string): Promise<void> {
    await m.query('UPDATE referral SET needs_attention = $3, updated_at = now() WHERE id = $1 AND municipality_id = $2', [
      referralId,
      municipalityId,
      what,
    ]);
  }

  /** The case's new holder and area; its waiting reason and needs-attention flag end. */
  async setHolder(m: EntityManager, referralId: string, brobyggerId: string, areaId: string | null): Promise<void> {
    await m.query(
      `UPDATE referral SET assignee_id = $2, area_id = $3, unassigned_reason = NULL, needs_attention = NULL, updated_at = now()
        WHERE id = $1`,
      [referralId, brobyggerId, areaId],
    );
  }

  async insertAssignment(
    m: EntityManager,
    a: { municipalityId: string; referralId: string; brobyggerId: string; kind: 'auto' | 'manual'; assignedBy: string | null },
  ): Promise<string> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO referral_assignment (municipality_id, referral_id, brobygger_id, kind, assigned_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [a.municipalityId, a.referralId, a.brobyggerId, a.kind, a.assignedBy],
    );
    return row.id;
  }

  /**
   * The case's area and waiting reason, before the lifecycle moves it to `unassigned`: a
   * reason saying the case was handed back stays while it waits (read from the status
   * it has now).
   */
  async setWaiting(
    m: EntityManager,
    referralId: string,
    areaId: string | null,
    reason: string,
    handedBack: readonly string[],
  ): Promise<void> {
    await m.query(
      `UPDATE referral SET area_id = $2, updated_at = now(),
              unassigned_reason = CASE WHEN status = 'unassigned' AND unassigned_reason = ANY($4) THEN unassigned_reason ELSE $3 END
        WHERE id = $1`,
      [referralId, areaId, reason, handedBack],
    );
  }

  /** The assignment row closes; a closed case keeps its last brobygger as assignee (they keep access, it counts nowhere). */
  async releaseHolder(m: EntityManager, referralId: string, reason: string): Promise<void> {
    await m.query(
      'UPDATE referral_assignment SET released_at = clock_timestamp(), released_reason = $2 WHERE referral_id = $1 AND released_at IS NULL',
      [referralId, reason],
    );
    await m.query(
      `UPDATE referral SET previous_assignee_id = assignee_id, updated_at = now(),
              assignee_id = CASE WHEN status = ANY($2) THEN assignee_id ELSE NULL END
        WHERE id = $1`,
      [referralId, CLOSED_STATUSES],
    );
  }

  /** How to reach the citizen of a case (their name for initials, phone, preferences); null once erased. */
  async citizenContactOf(
    m: EntityManager,
    municipalityId: string,
    referralId: string,
  ): Promise<{
    name: string | null;
    phone: string | null;
    contactPreferences: ContactPreferences | null;
    addressProtected: boolean;
  } | null> {
    const [row] = await m.query<
      { name: string | null; phone: string | null; contactPreferences: ContactPreferences | null; addressProtected: boolean }[]
    >(
      `SELECT c.name, c.phone, c.contact_preferences AS "contactPreferences", c.address_protected AS "addressProtected"
         FROM referral r JOIN citizen c ON c.id = r.citizen_id
        WHERE r.id = $1 AND r.municipality_id = $2 AND c.erased_at IS NULL`,
      [referralId, municipalityId],
    );
    return row ?? null;
  }
}

function detailParams(d: Partial<CitizenDetails>): unknown[] {
  return [
    d.name ?? null,
    d.phone ?? null,
    d.email ?? null,
    d.street ?? null,
    d.postcode ?? null,
    d.city ?? null,
    d.language ?? null,
    d.contactPreferences ? JSON.stringify(d.contactPreferences) : null,
  ];
}

/**
 * The fields in which a referral's details differ from the citizen's on file. A field
 * the referral leaves out is no difference; the address counts as one field.
 */
export function differingDetails(current: CitizenDetails, given: CitizenDetails): Partial<CitizenDetails> | null {
  const diff: Partial<CitizenDetails> = {};
  const norm = (v: string | null) => (v ?? '').trim().toLowerCase();
  if (given.name !== null && given.name.trim() !== (current.name ?? '').trim()) diff.name = given.name;
  if (given.phone !== null && given.phone.replace(/\s/g, '') !== (current.phone ?? '').replace(/\s/g, '')) diff.phone = given.phone;
  if (given.email !== null && norm(given.email) !== norm(current.email)) diff.email = given.email;
  if (
    norm(given.street) !== norm(current.street) ||
    norm(given.postcode) !== norm(current.postcode) ||
    norm(given.city) !== norm(current.city)
  ) {
    Object.assign(diff, { street: given.street, postcode: given.postcode, city: given.city });
  }
  if (given.language !== null && given.language !== current.language) diff.language = given.language;
  if (given.contactPreferences !== null && canonical(given.contactPreferences) !== canonical(current.contactPreferences ?? {})) {
    diff.contactPreferences = given.contactPreferences;
  }
  return Object.keys(diff).length ? diff : null;
}

function canonical(p: ContactPreferences): string {
  return JSON.stringify({ preferred: p.preferred ?? null, doNotContactBy: [...(p.doNotContactBy ?? [])].sort() });
}

/** A referral row locked (FOR NO KEY UPDATE) for the rest of the caller's transaction. */
export interface LockedReferral {
  id: string;
  municipality_id: string;
  citizen_id: string;
  status: ReferralStatus;
  area_id: string | null;
  area_overridden: boolean;
  assignee_id: string | null;
  restricted_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
}

/**
 * Locks one case row of the municipality FOR NO KEY UPDATE (other libs through
 * `lockReferral` in `case-lock.ts`). Casework on one case still goes one at a time (the
 * lock conflicts with itself), but rows that merely point at the case — a message, a
 * consent, an audit row — are not held up: their foreign-key checks take KEY SHARE, which
 * FOR UPDATE blocked (issue 20: milestone messages waited for the matching transaction).
 * Erasure deletes the row and still takes FOR UPDATE.
 */
export async function lockReferral(m: EntityManager, municipalityId: string, id: string): Promise<LockedReferral | null> {
  const rows: LockedReferral[] = await m.query(
    `SELECT id, municipality_id, citizen_id, status, area_id, area_overridden, assignee_id, restricted_at, closed_at, created_at
       FROM referral WHERE id = $1 AND municipality_id = $2 ${CASE_LOCK}`,
    [id, municipalityId],
  );
  return rows[0] ?? null;
}
