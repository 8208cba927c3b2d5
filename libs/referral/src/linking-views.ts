import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CaseRelations, ConsentService, ConsentState, DisclosedCase, ReferrerFacts } from '@bro/consent';
import { UsersService } from '@bro/auth';
import { DataSource, type EntityManager } from 'typeorm';
import { Referral, ReferralLink, ReferralStatusChange, ReportedDetails } from './referral.entity';
import { ReferralRepository } from './referral.repository';
import { referrerFacts } from './referrer-facts';

/**
 * What linking adds to the reads of a referral (ADR 0014), in one place for the REST
 * and FHIR views and the referrer notifications:
 * - who referred a case, each with the feedback level of their *own* referral or link;
 * - the facts a referrer view is cut from — a referral linked to another clinic's case
 *   shows that case's milestones, under its own id, from the time it was confirmed;
 * - for staff: the referrals confirmed into a case (listed with its links); with notes
 *   also those held as possible duplicates of it and the details they reported that
 *   differ from the citizen's.
 */
@Injectable()
export class LinkingViews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consents: ConsentService,
    private readonly users: UsersService,
    private readonly repository: ReferralRepository,
  ) {}

  /** The referrers of each referral with the level their own consent gave, and the referral's own consents. */
  async referrers(
    municipalityId: string,
    referrals: Referral[],
    links: Pick<ReferralLink, 'id' | 'referralId' | 'referrerId' | 'referrerOrganisation'>[],
    m?: EntityManager,
  ): Promise<{ consent: Map<string, ConsentState>; referrers: Map<string, CaseRelations['referrers']> }> {
    const [consent, linkConsent] = await Promise.all([
      this.consents.stateOfReferrals(
        municipalityId,
        referrals.map((r) => r.id),
        m,
      ),
      this.consents.stateOfLinks(
        municipalityId,
        links.map((l) => l.id),
        m,
      ),
    ]);
    const referrers = new Map<string, CaseRelations['referrers']>();
    for (const r of referrals) {
      referrers.set(r.id, [
        { userId: r.referrerId, organisation: r.referrerOrganisation, feedbackLevel: consent.get(r.id)!.referrerFeedback },
        ...links
          .filter((l) => l.referralId === r.id)
          .map((l) => ({
            userId: l.referrerId,
            organisation: l.referrerOrganisation,
            feedbackLevel: linkConsent.get(l.id)!.referrerFeedback,
          })),
      ]);
    }
    return { consent, referrers };
  }

  /**
   * The facts each referral's referrer view is cut from. A referral linked to a case
   * shows that case's milestones, none earlier than the confirmation (what the referrer
   * learns, and when), under its own id and its own "received".
   */
  async referrerFacts(referrals: Referral[]): Promise<Map<string, ReferrerFacts>> {
    if (referrals.length === 0) return new Map();
    const sharedIds = sharedCaseIds(referrals);
    const shared = sharedIds.length ? await this.repository.referralsWithIds(this.dataSource.manager, sharedIds) : [];
    const history = await this.repository.statusHistory(this.dataSource.manager, [...referrals.map((r) => r.id), ...sharedIds]);
    return referrerFactsOf(referrals, shared, history);
  }

  /** For staff lists: the case a held or linked referral belongs to, and who referred it. */
  async duplicateRefs(referrals: Referral[]): Promise<Map<string, { duplicateOf: { id: string; status: string } }>> {
    const result = new Map<string, { duplicateOf: { id: string; status: string } }>();
    const ids = [...new Set(referrals.map((r) => r.duplicateOf).filter((id): id is string => id !== null))];
    if (ids.length === 0) return result;
    const cases = await this.repository.statusesOf(this.dataSource.manager, ids);
    for (const r of referrals) {
      const c = cases.find((x) => x.id === r.duplicateOf);
      if (c) result.set(r.id, { duplicateOf: { id: c.id, status: c.status } });
    }
    return result;
  }

  /**
   * The full view's linking parts: referrals confirmed into the case (listed with its
   * links); for staff who see notes (the assigned brobygger and coordinators) also those
   * held as possible duplicates of it, the details they reported, and — for a held or
   * decided referral itself — the decision.
   */
  async caseSections(referral: Referral, disclosed: DisclosedCase): Promise<{ linked: unknown[]; sections: Record<string, unknown> }> {
    // Held referrals and reported details are the words and whereabouts others gave: with notes, and contact details only with contact.
    const { notes, contact } = disclosed.disclosure;
    const related = await this.repository.relatedTo(this.dataSource.manager, referral.id, referral.municipalityId);
    const linked = related.filter((r) => r.status === 'linked');
    const held = related.filter((r) => r.status === 'possible_duplicate');
    const details = await this.repository.reportedDetailsOf(this.dataSource.manager, [referral.id, ...related.map((r) => r.id)]);
    const names = await this.users.profiles(referral.municipalityId, [
      ...related.map((r) => r.referrerId),
      ...details.map((d) => d.referrerId),
      ...(referral.duplicateDecidedBy ? [referral.duplicateDecidedBy] : []),
    ]);
    const referrer = (id: string, organisation: string | null) => ({ id, displayName: names.get(id)?.displayName ?? null, organisation });
    const pending = (referralIds: string[]) =>
      contact ? details.filter((d) => d.decision === null && referralIds.includes(d.referralId)).map((d) => detailView(d, referrer)) : [];
    const feedback = await this.consents.stateOfReferrals(
      referral.municipalityId,
      linked.map((r) => r.id),
    );
    const confirmed = linked.map((r) => ({
      id: r.id,
      referralId: r.id,
      referrer: referrer(r.referrerId, r.referrerOrganisation),
      reasons: r.reasons,
      ...(notes ? { note: r.note } : {}),
      createdAt: r.createdAt,
      confirmedAt: r.duplicateDecidedAt,
      referrerFeedback: feedback.get(r.id)!.referrerFeedback,
    }));
    if (!notes) return { linked: confirmed, sections: {} };
    const sections = {
      possibleDuplicates: held.map((r) => ({
        id: r.id,
        referrer: referrer(r.referrerId, r.referrerOrganisation),
        reasons: r.reasons,
        note: r.note,
        createdAt: r.createdAt,
        reportedDetails: pending([r.id]),
      })),
      // Decided on this case: its links' details and those of referrals confirmed into it;
      // a held or linked referral read by itself shows its own.
      reportedDetails: pending([referral.id, ...linked.map((r) => r.id)]),
      ...(referral.duplicateOf
        ? {
            duplicate: {
              decision: referral.duplicateDecision,
              decidedAt: referral.duplicateDecidedAt,
              decidedBy: referral.duplicateDecidedBy ? referrer(referral.duplicateDecidedBy, null) : null,
              note: referral.duplicateNote,
            },
          }
        : {}),
    };
    return { linked: confirmed, sections };
  }
}

function detailView(
  d: ReportedDetails,
  referrer: (id: string, organisation: string | null) => { id: string; displayName: string | null; organisation: string | null },
) {
  return {
    id: d.id,
    organisation: d.referrerOrganisation,
    referrer: referrer(d.referrerId, d.referrerOrganisation),
    at: d.reportedAt,
    ...(d.name !== null ? { name: d.name } : {}),
    ...(d.phone !== null ? { phone: d.phone } : {}),
    ...(d.email !== null ? { email: d.email } : {}),
    ...(d.street !== null || d.postcode !== null || d.city !== null
      ? { address: { street: d.street, postcode: d.postcode, city: d.city } }
      : {}),
    ...(d.language !== null ? { language: d.language } : {}),
    ...(d.contactPreferences !== null ? { contactPreferences: d.contactPreferences } : {}),
  };
}

/** The cases that linked referrals among these show the milestones of (ADR 0014). */
export function sharedCaseIds(referrals: Pick<Referral, 'status' | 'duplicateOf'>[]): string[] {
  return [...new Set(referrals.filter((r) => r.status === 'linked' && r.duplicateOf).map((r) => r.duplicateOf!))];
}

/**
 * The referrer facts of each referral from rows already read: `shared`, the cases of its
 * linked ones (`sharedCaseIds`), and the status history of both, oldest first.
 */
export function referrerFactsOf(
  referrals: Referral[],
  shared: Referral[],
  history: Pick<ReferralStatusChange, 'referralId' | 'toStatus' | 'at'>[],
): Map<string, ReferrerFacts> {
  const result = new Map<string, ReferrerFacts>();
  const historyOf = (id: string) => history.filter((h) => h.referralId === id);
  for (const r of referrals) {
    const joined = r.status === 'linked' ? shared.find((s) => s.id === r.duplicateOf) : undefined;
    if (!joined) {
      result.set(r.id, referrerFacts(r, historyOf(r.id)));
      continue;
    }
    const since = (r.duplicateDecidedAt ?? r.createdAt).getTime();
    const facts = referrerFacts(
      joined,
      historyOf(joined.id).map((h) => ({ toStatus: h.toStatus, at: new Date(Math.max(h.at.getTime(), since)) })),
    );
    result.set(r.id, { ...facts, id: r.id, createdAt: r.createdAt });
  }
  return result;
}
