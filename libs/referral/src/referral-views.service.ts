import { CLOSED_STATUSES, FeedbackLevel, nextActions, OPEN_STATUSES, ReferralStatus, UNCONSENTED_STATUSES } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEvent, AuditService } from '@bro/audit';
import { Actor, UsersService } from '@bro/auth';
import {
  AccessReason,
  ACCESS_REASONS,
  CaseRelations,
  ConsentService,
  ConsentState,
  decideDisclosure,
  DisclosedCase,
  Disclosure,
  FullDisclosure,
  referrerView,
  ReferrerView,
} from '@bro/consent';
import { MatchingService } from '@bro/matching';
import { BadInputError, Clock, ForbiddenError, NotFoundError, Page, RuleViolationError } from '@bro/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { Citizen } from './citizen.entity';
import { maskCpr, normaliseCpr } from './cpr';
import { CprVault } from './cpr-vault';
import { ListReferralsQuery } from './dto/list-referrals.query';
import { LinkingViews } from './linking-views';
import { ReferralRepository } from './referral.repository';
import { Referral, ReferralLink } from './referral.entity';
import { PublicReferralRepository } from './public-referral.repository';

/** Everything the policy and the views need about a batch of cases, loaded in a few queries. */
interface CaseBundle {
  referral: Referral;
  citizen: Citizen;
  links: ReferralLink[];
  assignee: { id: string; userId: string } | null;
  consent: ConsentState;
  relations: CaseRelations;
}

/**
 * Parts of the full case that modules above referral own (casework: contact
 * attempts, conversations, plan; follow-ups). They register here, so the view can
 * include them without referral depending on them. A provider is handed the policy's
 * decision for the case, never a flag, and decides from it what of its free text to
 * include (ADR 0015).
 */
export interface CaseSections {
  sections(disclosed: DisclosedCase): Promise<Record<string, unknown>>;
}

const SORT_COLUMNS = { createdAt: 'r.created_at', updatedAt: 'r.updated_at', status: 'r.status' } as const;

/**
 * Reads of referrals. Every read goes through the disclosure policy and writes an
 * audit row; a case the viewer may not see is reported as not found.
 */
@Injectable()
export class ReferralViewsService {
  private readonly sectionProviders: CaseSections[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consents: ConsentService,
    private readonly matching: MatchingService,
    private readonly users: UsersService,
    private readonly vault: CprVault,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly linking: LinkingViews,
    private readonly repository: ReferralRepository,
    private readonly publicReferrals: PublicReferralRepository,
  ) {}

  registerSections(provider: CaseSections): void {
    this.sectionProviders.push(provider);
  }

  /** One case as the viewer may see it. A restricted case needs `reason` (403 without one). */
  async get(actor: Actor, id: string, reason?: AccessReason) {
    const referral = await this.repository.referral(this.dataSource.manager, id, actor.municipalityId);
    if (!referral) throw notFound();
    const [bundle] = await this.bundles(actor.municipalityId, [referral]);
    const disclosure = decideDisclosure(actor, bundle.relations, await this.viewerAreas(actor));
    if (disclosure.kind === 'none') throw notFound();
    if (disclosure.kind === 'full' && disclosure.reasonRequired && !reason) {
      throw new ForbiddenError(
        `This case is restricted: state why you read it in the X-Access-Reason header (${ACCESS_REASONS.join(', ')})`,
        {
          header: 'x-access-reason',
          allowed: ACCESS_REASONS,
        },
      );
    }

    const view =
      disclosure.kind === 'referrer'
        ? (await this.referrerViews([{ bundle, level: disclosure.level }]))[0]
        : await this.fullView(bundle, disclosure);
    await this.audit.record(this.dataSource.manager, actor, [
      {
        action: 'referral.read',
        citizenId: bundle.citizen.id,
        referralId: referral.id,
        purpose: disclosure.kind === 'referrer' ? 'referrer_feedback' : disclosure.reasonRequired ? `restricted:${reason}` : 'casework',
      },
    ]);
    return view;
  }

  /**
   * The case a MedCom message about this CPR number belongs to (ADR 0028), found by the
   * keyed hash as the CPR search finds it; null for an invalid number or no case. The
   * lookup hash comes along so an unmatched message can be matched later without the CPR.
   */
  async caseOfCpr(
    municipalityId: string,
    input: string,
    m: EntityManager = this.dataSource.manager,
  ): Promise<{ referralId: string | null; citizenId: string | null; lookupHash: string } | null> {
    const cpr = normaliseCpr(input);
    if (!cpr) return null;
    const lookupHash = this.vault.lookupHash(cpr);
    const found = await this.repository.caseOfCitizen(m, municipalityId, lookupHash);
    return { referralId: found?.referralId ?? null, citizenId: found?.citizenId ?? null, lookupHash };
  }

  /** The CPR number and name of a case's citizen, for the Patient of a MedCom message to the referring GP; null once erased. */
  async patientOfCase(
    municipalityId: string,
    referralId: string,
    m: EntityManager = this.dataSource.manager,
  ): Promise<{ cpr: string; name: string | null } | null> {
    const row = await this.repository.citizenOfCase(m, municipalityId, referralId);
    if (!row?.ciphertext || !row.keyId) return null;
    return { cpr: this.vault.open({ ciphertext: row.ciphertext, keyId: row.keyId }), name: row.name };
  }

  async list(actor: Actor, query: ListReferralsQuery): Promise<Page<unknown>> {
    if (actor.role === 'referrer') assertReferrerQuery(query);
    return this.listCases(actor, query, null, { action: 'referral.list' });
  }

  /**
   * `POST /v1/referrals/search {cpr}`: the cases of the citizen with this CPR number that
   * the caller may see in a list, found by the keyed hash (the CPR is never stored or
   * sent in clear, and travels in a body, never a URL). An unknown citizen and one with
   * no case the caller may see get the same empty page after the same work. A found
   * citizen is audited as searched for (who looked for whom), and each listed case too.
   */
  async searchByCpr(actor: Actor, input: string): Promise<Page<unknown>> {
    const cpr = normaliseCpr(input);
    if (!cpr) {
      throw new RuleViolationError('cpr is not a valid CPR number: 10 digits whose first six are a real date (DDMMYY)', { field: 'cpr' });
    }
    const citizen = await this.repository.citizenByLookupHash(this.dataSource.manager, actor.municipalityId, this.vault.lookupHash(cpr));
    const query = Object.assign(new ListReferralsQuery(), { limit: 200 });
    const page = await this.listCases(actor, query, citizen?.id ?? NO_CITIZEN, { action: 'referral.search', purpose: 'cpr_search' });
    if (citizen && page.total > 0) {
      await this.audit.record(this.dataSource.manager, actor, [{ action: 'citizen.search', citizenId: citizen.id, purpose: 'cpr_search' }]);
    }
    return page;
  }

  private async listCases(
    actor: Actor,
    query: ListReferralsQuery,
    citizenId: string | null,
    audit: { action: string; purpose?: string },
  ): Promise<Page<unknown>> {
    let assignee: string | undefined;
    let areaIds: string[] | undefined;
    if (actor.role === 'brobygger') {
      const own = await this.matching.brobyggerOfUser(actor.municipalityId, actor.userId);
      if (!own || (query.assignee && query.assignee !== 'me' && query.assignee !== own.id)) return { items: [], total: 0 };
      if (query.status && UNCONSENTED_STATUSES.has(query.status as ReferralStatus) && !query.assignee) {
        // Public referrals waiting for a first call go to the brobyggere of their area (ADR 0030).
        if (own.areaIds.length === 0) return { items: [], total: 0 };
        areaIds = own.areaIds;
      } else {
        assignee = own.id;
      }
    } else if (actor.role !== 'referrer' && query.assignee) {
      assignee = query.assignee === 'me' ? (await this.matching.brobyggerOfUser(actor.municipalityId, actor.userId))?.id : query.assignee;
      if (!assignee) return { items: [], total: 0 };
    }
    const [column, direction] = query.sort.startsWith('-') ? [query.sort.slice(1), 'DESC' as const] : [query.sort, 'ASC' as const];
    const search = query.q !== undefined ? searchTerm(query.q) : undefined;
    const [rows, total] = await this.repository.listPage(this.dataSource.manager, {
      municipalityId: actor.municipalityId,
      citizenId: citizenId ?? undefined,
      statuses:
        query.status === 'open' ? OPEN_STATUSES : query.status === 'closed' ? CLOSED_STATUSES : query.status ? [query.status] : undefined,
      areaId: query.areaId,
      areaIds,
      reason: query.reason,
      needsAttention: query.needsAttention === undefined ? undefined : query.needsAttention === 'true',
      search: search && (search.kind === 'phone' ? { phoneDigits: search.value } : { name: likeEscaped(search.value) }),
      referrer: actor.role === 'referrer' ? { userId: actor.userId, organisation: actor.organisation } : undefined,
      assignee,
      orderBy: column === 'name' ? 'name' : SORT_COLUMNS[column as keyof typeof SORT_COLUMNS],
      direction,
      offset: query.offset,
      limit: query.limit,
    });

    const bundles = await this.bundles(actor.municipalityId, rows);
    const areas = await this.viewerAreas(actor);
    const visible: { bundle: CaseBundle; disclosure: Exclude<Disclosure, { kind: 'none' }> }[] = [];
    for (const bundle of bundles) {
      const disclosure = decideDisclosure(actor, bundle.relations, areas);
      if (disclosure.kind !== 'none') visible.push({ bundle, disclosure });
    }

    let items: unknown[];
    if (actor.role === 'referrer') {
      items = await this.referrerListItems(
        actor,
        visible.map((v) => ({ bundle: v.bundle, level: v.disclosure.kind === 'referrer' ? v.disclosure.level : 'none' })),
      );
    } else {
      items = await this.summaries(visible.map((v) => v.bundle));
    }
    const events: AuditEvent[] = visible.map(({ bundle }) => ({
      action: audit.action,
      citizenId: bundle.citizen.id,
      referralId: bundle.referral.id,
      ...(audit.purpose ? { purpose: audit.purpose } : {}),
    }));
    await this.audit.record(this.dataSource.manager, actor, events);
    return { items, total };
  }

  /** The policy's decision for each of these cases the caller asks about (readers outside this lib: hand-offs, the citizen's copy). */
  async disclosures(actor: Actor, referralIds: readonly string[]): Promise<Map<string, Disclosure>> {
    return (await this.listSubjects(actor, referralIds, [])).disclosures;
  }

  /**
   * What the people a list names are called, for lists outside this lib (the follow-up
   * queue): for each case the caller may see (the policy decides), its citizen's id and
   * name — none for a restricted case, as in case lists — and the display names of the
   * given brobyggere of the municipality.
   */
  async listSubjects(
    actor: Actor,
    referralIds: readonly string[],
    brobyggerIds: readonly string[],
  ): Promise<{
    disclosures: Map<string, Disclosure>;
    citizens: Map<string, { id: string; name: string | null; cpr: string | null }>;
    brobyggere: Map<string, { id: string; displayName: string | null }>;
  }> {
    const referrals = referralIds.length
      ? await this.repository.referralsByIds(this.dataSource.manager, actor.municipalityId, [...new Set(referralIds)])
      : [];
    const [bundles, areas] = await Promise.all([this.bundles(actor.municipalityId, referrals), this.viewerAreas(actor)]);
    // The brobyggere a list names are nearly always its cases' holders, whom the bundles
    // have read already: only the others are read (issue 20, one read fewer per page).
    const refs = new Map<string, { id: string; userId: string }>();
    for (const b of bundles) if (b.assignee) refs.set(b.assignee.id, b.assignee);
    const wanted = new Set(brobyggerIds);
    const missing = [...wanted].filter((id) => !refs.has(id));
    if (missing.length) for (const [id, ref] of await this.matching.brobyggerRefs(actor.municipalityId, missing)) refs.set(id, ref);
    for (const id of refs.keys()) if (!wanted.has(id)) refs.delete(id);
    const profiles = await this.users.profiles(
      actor.municipalityId,
      [...refs.values()].map((b) => b.userId),
    );
    const disclosures = new Map<string, Disclosure>();
    const citizens = new Map<string, { id: string; name: string | null; cpr: string | null }>();
    for (const b of bundles) {
      const disclosure = decideDisclosure(actor, b.relations, areas);
      disclosures.set(b.referral.id, disclosure);
      if (disclosure.kind === 'none') continue;
      citizens.set(
        b.referral.id,
        b.referral.restrictedAt
          ? { id: b.citizen.id, name: null, cpr: null }
          : { id: b.citizen.id, name: b.citizen.name, cpr: this.maskedCpr(b.citizen) },
      );
    }
    const brobyggere = new Map(
      [...refs.entries()].map(([id, ref]) => [id, { id, displayName: profiles.get(ref.userId)?.displayName ?? null }]),
    );
    return { disclosures, citizens, brobyggere };
  }

  /**
   * `GET /v1/citizens/:id/export`: everything Bro holds on one citizen (the right of
   * access) — identity with the full CPR, the consent history, every case in full,
   * restricted ones included, and who accessed the data. Coordinators only; audited.
   */
  async exportCitizen(actor: Actor, citizenId: string) {
    const citizen = await this.repository.citizen(this.dataSource.manager, citizenId, actor.municipalityId);
    if (!citizen) throw new NotFoundError('Citizen not found');
    const referrals = await this.repository.referralsOfCitizen(this.dataSource.manager, actor.municipalityId, citizenId);
    const bundles = await this.bundles(actor.municipalityId, referrals);
    const cases = [];
    let contact = true;
    for (const bundle of bundles) {
      // Through the policy like every read: only a viewer given the full case (with notes) may export it.
      const disclosure = decideDisclosure(actor, bundle.relations);
      if (disclosure.kind !== 'full' || !disclosure.notes) throw new NotFoundError('Citizen not found');
      contact &&= disclosure.contact;
      cases.push(await this.fullView(bundle, disclosure));
    }
    const [consents, accessLog] = await Promise.all([
      this.consents.history(actor.municipalityId, citizenId),
      this.audit.entriesOf(actor.municipalityId, citizenId),
    ]);
    await this.audit.record(this.dataSource.manager, actor, [{ action: 'citizen.export', citizenId, purpose: 'right_of_access' }]);
    return {
      exportedAt: this.clock.now().toISOString(),
      citizen: {
        ...citizenView(
          citizen,
          citizen.cprCiphertext && citizen.cprKeyId
            ? this.vault.open({ ciphertext: citizen.cprCiphertext, keyId: citizen.cprKeyId })
            : null,
          contact,
        ),
        createdAt: citizen.createdAt,
        erasedAt: citizen.erasedAt,
      },
      consents,
      cases,
      accessLog,
    };
  }

  private async viewerAreas(actor: Actor): Promise<string[]> {
    if (actor.role !== 'brobygger') return [];
    return (await this.matching.brobyggerOfUser(actor.municipalityId, actor.userId))?.areaIds ?? [];
  }

  private async bundles(municipalityId: string, referrals: Referral[]): Promise<CaseBundle[]> {
    if (referrals.length === 0) return [];
    const citizenIds = [...new Set(referrals.map((r) => r.citizenId))];
    const [citizens, links, assignees] = await Promise.all([
      this.repository.citizensByIds(this.dataSource.manager, municipalityId, citizenIds),
      this.repository.linksOf(
        this.dataSource.manager,
        referrals.map((r) => r.id),
        municipalityId,
      ),
      this.matching.brobyggerRefs(
        municipalityId,
        referrals.map((r) => r.assigneeId).filter((id): id is string => id !== null),
      ),
    ]);
    // Consents belong to the referral (or link) that captured them: each referrer is cut to their own.
    const { consent, referrers } = await this.linking.referrers(municipalityId, referrals, links);
    const citizenById = new Map(citizens.map((c) => [c.id, c]));
    return referrals.map((referral) => {
      const ownLinks = links.filter((l) => l.referralId === referral.id);
      const assignee = referral.assigneeId ? (assignees.get(referral.assigneeId) ?? null) : null;
      return {
        referral,
        citizen: citizenById.get(referral.citizenId)!,
        links: ownLinks,
        assignee,
        consent: consent.get(referral.id)!,
        relations: {
          municipalityId: referral.municipalityId,
          status: referral.status,
          areaId: referral.areaId,
          assigneeUserId: assignee?.userId ?? null,
          referrers: referrers.get(referral.id)!,
          restricted: referral.restrictedAt !== null,
          addressProtected: citizenById.get(referral.citizenId)!.addressProtected,
        },
      };
    });
  }

  /**
   * A referrer's list items: the referrer view, and whom and why *they* referred — the
   * masked CPR, the name as their own referral (or link) gave it, and its reasons. Never
   * the case's own reasons or the citizen's name as another clinic gave it: a referral
   * held as a possible duplicate must read like a new citizen's (ADR 0014, 0024).
   */
  private async referrerListItems(actor: Actor, items: { bundle: CaseBundle; level: FeedbackLevel }[]) {
    const views = await this.referrerViews(items);
    const own = items.map(({ bundle }) => {
      const mine = (r: { referrerId: string; referrerOrganisation: string | null }) =>
        r.referrerId === actor.userId || (actor.organisation !== null && r.referrerOrganisation === actor.organisation);
      // The newest of the viewer's own (or their clinic's), as the policy cuts their level.
      const link = [...bundle.links].reverse().find(mine);
      return link && !(mine(bundle.referral) && bundle.referral.createdAt > link.createdAt)
        ? { referralId: bundle.referral.id, linkId: link.id, reasons: link.reasons }
        : { referralId: bundle.referral.id, linkId: null, reasons: bundle.referral.reasons };
    });
    const reported = await this.repository.reportedNames(this.dataSource.manager, own);
    return items.map(({ bundle }, i) => {
      const { citizen, referral } = bundle;
      const hidden = referral.restrictedAt !== null || citizen.erasedAt !== null;
      return {
        ...views[i],
        citizen: hidden
          ? { name: null, cpr: null }
          : { name: reported.get(own[i].linkId ?? own[i].referralId) ?? citizen.name, cpr: this.maskedCpr(citizen) },
        reasons: own[i].reasons,
      };
    });
  }

  /** The referrer view, each cut to the feedback level the policy gave this viewer. */
  private async referrerViews(items: { bundle: CaseBundle; level: FeedbackLevel }[]): Promise<ReferrerView[]> {
    if (items.length === 0) return [];
    const facts = await this.linking.referrerFacts(items.map((i) => i.bundle.referral));
    return items.map(({ bundle, level }) => referrerView(facts.get(bundle.referral.id)!, level));
  }

  /** List items for staff: enough to pick a case, no notes and never an address or phone (ADR 0015). */
  private async summaries(bundles: CaseBundle[]) {
    const municipalityId = bundles[0]?.referral.municipalityId;
    if (!municipalityId) return [];
    const areaNames = await this.matching.areaNames(
      municipalityId,
      bundles.map((b) => b.referral.areaId).filter((id): id is string => id !== null),
    );
    const profiles = await this.users.profiles(
      municipalityId,
      bundles.map((b) => b.assignee?.userId).filter((id): id is string => id !== undefined),
    );
    const duplicates = await this.linking.duplicateRefs(bundles.map((b) => b.referral));
    return bundles.map(({ referral, citizen, assignee }) => ({
      id: referral.id,
      status: referral.status,
      createdAt: referral.createdAt,
      updatedAt: referral.updatedAt,
      // A restricted case shows in a list only that it exists; reading it takes a reason.
      citizen: referral.restrictedAt
        ? { id: citizen.id, name: null, cpr: null }
        : {
            id: citizen.id,
            name: citizen.name,
            // Until the citizen consents, the CPR a stranger typed (and the birth date in it) is no one's to read.
            cpr: UNCONSENTED_STATUSES.has(referral.status) ? null : this.maskedCpr(citizen),
            addressProtected: citizen.addressProtected,
          },
      restricted: referral.restrictedAt ? true : undefined,
      reasons: referral.reasons,
      area: referral.areaId ? { id: referral.areaId, name: areaNames.get(referral.areaId) ?? null } : null,
      assignee: assignee
        ? { id: assignee.id, userId: assignee.userId, displayName: profiles.get(assignee.userId)?.displayName ?? null }
        : null,
      unassignedReason: referral.unassignedReason ?? undefined,
      needsAttention: referral.needsAttention ?? undefined,
      // A possible duplicate (or one decided): the case it concerns, and which clinic sent it.
      ...(duplicates.has(referral.id)
        ? { ...duplicates.get(referral.id), referrer: { id: referral.referrerId, organisation: referral.referrerOrganisation } }
        : {}),
    }));
  }

  /** The full case, cut to the policy's decision: free text only with `notes`, address and phone only with `contact`. */
  private async fullView(bundle: CaseBundle, disclosure: FullDisclosure) {
    if (disclosure.unconsented) return this.firstCallView(bundle, disclosure);
    const { referral, citizen, links, consent, relations } = bundle;
    const { notes } = disclosure;
    const disclosed: DisclosedCase = { municipalityId: referral.municipalityId, referralId: referral.id, disclosure };
    const [summary] = await this.summaries([bundle]);
    const [history, consentHistory, referrerNames, linking, ...sections] = await Promise.all([
      this.repository.statusHistory(this.dataSource.manager, [referral.id]),
      this.consents.history(referral.municipalityId, citizen.id),
      this.users.profiles(referral.municipalityId, [referral.referrerId, ...links.map((l) => l.referrerId)]),
      this.linking.caseSections(referral, disclosed),
      ...this.sectionProviders.map((p) => p.sections(disclosed)),
    ]);
    const referrer = (id: string, organisation: string | null) => ({
      id,
      displayName: referrerNames.get(id)?.displayName ?? null,
      organisation,
    });
    return {
      ...summary,
      citizen: citizenView(citizen, this.maskedCpr(citizen), disclosure.contact),
      closedAt: referral.closedAt,
      referrer: referrer(referral.referrerId, referral.referrerOrganisation),
      ...(notes ? { note: referral.note } : {}),
      linkedReferrals: [
        ...links.map((l, i) => ({
          id: l.id,
          referrer: referrer(l.referrerId, l.referrerOrganisation),
          reasons: l.reasons,
          ...(notes ? { note: l.note } : {}),
          createdAt: l.createdAt,
          // The level this link's own consent gave its referrer (first entry is the case's referrer).
          referrerFeedback: relations.referrers[i + 1].feedbackLevel,
        })),
        ...linking.linked,
      ],
      areaOverridden: referral.areaOverridden,
      assignee: summary.assignee,
      outcome: referral.outcome ?? undefined,
      ...(notes && referral.summary ? { summary: referral.summary, summaryApprovedByCitizen: referral.summaryApproved } : {}),
      consents: { ...consent, history: consentHistory },
      statusHistory: history.map((h) => ({ from: h.fromStatus, to: h.toStatus, at: h.at })),
      considerUnreachable: referral.considerUnreachable,
      // Which buttons a client may offer; the commands themselves are checked again.
      nextActions: nextActions(referral.status),
      // Other contacts name services and people around the citizen (alcohol treatment …): free text.
      ...(notes ? { otherContacts: referral.otherContacts, responsibleContact: referral.responsibleContact } : {}),
      contactAttempts: [],
      conversations: [],
      plan: null,
      followUps: [],
      ...linking.sections,
      ...sections.reduce<Record<string, unknown>>((all, section) => ({ ...all, ...section }), {}),
    };
  }

  /**
   * A public referral nobody has heard the citizen consent to (ADR 0030): what the first
   * call needs — name, phone, address, reasons — and who referred in kind only. The keys
   * of the case view stay (null or empty), so clients keep one shape.
   */
  private async firstCallView(bundle: CaseBundle, disclosure: FullDisclosure) {
    const { referral, citizen, consent } = bundle;
    const [summary] = await this.summaries([bundle]);
    const facts = (await this.publicReferrals.factsOf(this.dataSource.manager, [referral.id])).get(referral.id);
    const contact = disclosure.contact;
    return {
      ...summary,
      citizen: {
        ...citizenView(citizen, null, contact),
        email: null,
        language: null,
        contactPreferences: {},
      },
      publicReferral: facts ? { reference: facts.reference, referrerKind: facts.referrerKind, citizenKnows: facts.citizenKnows } : null,
      closedAt: referral.closedAt,
      linkedReferrals: [],
      areaOverridden: referral.areaOverridden,
      // No consent yet: the state says so, and there is no history to show.
      consents: { ...consent, history: [] },
      statusHistory: [],
      considerUnreachable: false,
      nextActions: nextActions(referral.status),
      contactAttempts: [],
      conversations: [],
      plan: null,
      followUps: [],
    };
  }

  private maskedCpr(citizen: Citizen): string | null {
    if (!citizen.cprCiphertext || !citizen.cprKeyId) return null;
    return maskCpr(this.vault.open({ ciphertext: citizen.cprCiphertext, keyId: citizen.cprKeyId }));
  }
}

/**
 * The citizen as staff see them; `cpr` is masked in a case, whole in the right-of-access
 * export. Without `contact` (a protected citizen, to someone who does not hold the case)
 * the address, phone and e-mail are null: the keys stay, so clients keep one shape.
 */
function citizenView(citizen: Citizen, cpr: string | null, contact: boolean) {
  return {
    id: citizen.id,
    cpr,
    name: citizen.name,
    phone: contact ? citizen.phone : null,
    email: contact ? citizen.email : null,
    address: contact
      ? { street: citizen.street, postcode: citizen.postcode, city: citizen.city }
      : { street: null, postcode: null, city: null },
    language: citizen.language,
    contactPreferences: citizen.contactPreferences,
    addressProtected: citizen.addressProtected,
  };
}

/**
 * A referrer sees milestones cut to their consent, never the case's status, area,
 * assignee or when it last changed: their list is neither filtered nor sorted by them
 * (it would tell, e.g., a referral held as a possible duplicate from one waiting to be
 * routed; ADR 0014). 400 naming the parameter.
 */
function assertReferrerQuery(query: ListReferralsQuery): void {
  // `reason` would filter by the case's reasons (a linked clinic's are not theirs); `q` and
  // `needsAttention` search what their view does not show (ADR 0024).
  const hidden = (['status', 'areaId', 'assignee', 'q', 'reason', 'needsAttention'] as const).find((k) => query[k] !== undefined);
  if (hidden)
    throw new BadInputError(`${hidden}: referrers' lists are not filtered by it; read each referral's milestones`, { field: hidden });
  if (!['createdAt', '-createdAt'].includes(query.sort)) {
    throw new BadInputError('sort: referrers sort their referrals by createdAt only', { field: 'sort' });
  }
}

/** A citizen id no row has: an unknown CPR is listed like a known one, so both take the same work. */
const NO_CITIZEN = '00000000-0000-0000-0000-000000000000';

/**
 * What `q` searches: a phone fragment when it holds digits (separators ignored), else a
 * name fragment. A CPR-shaped value is refused (400) without echoing it: CPR numbers are
 * searched by `POST /v1/referrals/search`, never in a URL. A `+` before the digits marks
 * a phone number with its country code (`+4520123456`), which is not refused.
 */
export function searchTerm(q: string): { kind: 'phone' | 'name'; value: string } {
  const trimmed = q.trim();
  if (/(^|[^\d+])\d{6}[-\s]?\d{4}(?!\d)/.test(trimmed)) {
    throw new BadInputError('q: search CPR numbers with POST /v1/referrals/search, never in a URL', { field: 'q' });
  }
  if (/\d/.test(trimmed) && /^[\d\s+()-]+$/.test(trimmed)) return { kind: 'phone', value: trimmed.replace(/\D/g, '') };
  return { kind: 'name', value: trimmed };
}

/** LIKE's own characters match themselves. */
function likeEscaped(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function notFound(): NotFoundError {
  return new NotFoundError('Referral not found');
}
