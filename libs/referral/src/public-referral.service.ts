import { ConsentDecision, ConsentService } from '@bro/consent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditActor, AuditService } from '@bro/audit';
import { Actor, MunicipalityFacts } from '@bro/auth';
import { MatchingService } from '@bro/matching';
import { MessagesService } from '@bro/notification';
import {
  addToOutbox,
  AppConfig,
  ConflictError,
  Metrics,
  NotFoundError,
  RateLimitedError,
  RuleViolationError,
  transactionWithRetry,
} from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CaseLifecycle } from './case-lifecycle';
import { lockReferral, LockedReferral } from './case-lock';
import { CaseService } from './case.service';
import { normaliseCpr } from './cpr';
import { CprVault } from './cpr-vault';
import { FirstContactDto, JoinCitizenDto, PublicReferralDto } from './dto/public-referral.dto';
import { newReference, PublicReferralRepository } from './public-referral.repository';
import { CitizenDetails, differingDetails, ReferralRepository } from './referral.repository';

const HOUR_MS = 3_600_000;

/**
 * The open door (ADR 0030): referrals from relatives, associations, other professionals
 * and the citizen themself, through the public form without a login.
 *
 * Nobody but the citizen can consent, so such a referral is born `awaiting_consent`,
 * shown to coordinators and the brobyggere of its area with no more than the name,
 * phone, address and reasons (the disclosure policy). The brobygger who reaches the
 * citizen records the consents — the case is then routed like any new one — or closes
 * it as declined, and it is erased as after a withdrawal. A coordinator may reject it as
 * spam (erased the same way).
 *
 * The sender gets `{ reference }` and nothing else, whatever the CPR: an unknown
 * citizen, a known one (the form's details are kept as reported details, never written
 * over the citizen) and one with an open case (held as a possible duplicate, ADR 0014)
 * answer alike, and the honeypot's answer looks the same too.
 */
@Injectable()
export class PublicReferralService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly vault: CprVault,
    private readonly municipalities: MunicipalityFacts,
    private readonly matching: MatchingService,
    private readonly repository: ReferralRepository,
    private readonly publicReferrals: PublicReferralRepository,
    private readonly lifecycle: CaseLifecycle,
    private readonly cases: CaseService,
    private readonly consents: ConsentService,
    private readonly messages: MessagesService,
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
  ) {}

  /** The municipalities the form offers, or those whose areas cover a postcode. */
  async municipalityList(postcode?: string): Promise<{ items: { id: string; name: string }[]; total: number }> {
    const all = await this.municipalities.publicList(this.dataSource.manager);
    const ids = postcode ? new Set(await this.matching.municipalitiesOfPostcode(this.dataSource.manager, postcode)) : null;
    const items = ids ? all.filter((m) => ids.has(m.id)) : all;
    return { items, total: items.length };
  }

  /** `POST /v1/public/referrals` → `{ reference }`. */
  async submit(dto: PublicReferralDto, requestId?: string): Promise<{ reference: string }> {
    const municipalityId = await this.municipalityOf(dto);
    const actor: AuditActor = { municipalityId, userId: null, role: 'public', requestId };
    if (dto.website) {
      // The honeypot: only a robot fills in a field nobody sees. Nothing is stored but the
      // audit row; the answer looks like any other, so the robot learns nothing either.
      await this.audit.record(this.dataSource.manager, actor, [{ action: 'public_referral.refused', purpose: 'honeypot' }]);
      return { reference: newReference() };
    }
    let cpr: string | null = null;
    if (dto.citizen.cpr !== undefined && dto.citizen.cpr.trim() !== '') {
      cpr = normaliseCpr(dto.citizen.cpr);
      if (!cpr) {
        throw new RuleViolationError('citizen.cpr is not a valid CPR number: 10 digits whose first six are a real date (DDMMYY)', {
          field: 'citizen.cpr',
        });
      }
    }
    const given: CitizenDetails = {
      name: dto.citizen.name,
      phone: dto.citizen.phone ?? null,
      email: null,
      street: dto.citizen.address.street,
      postcode: dto.citizen.address.postcode,
      city: dto.citizen.address.city,
      language: null,
      contactPreferences: null,
    };

    const reference = await transactionWithRetry(this.dataSource, async (m) => {
      // The municipality's own limit, in the database: every api process counts the same rows.
      const recent = await this.publicReferrals.countSince(m, municipalityId, HOUR_MS);
      if (recent >= this.config.RATE_LIMIT_PUBLIC_PER_MUNICIPALITY_PER_HOUR) {
        throw new RateLimitedError('Kommunen modtager mange henvisninger lige nu. Prøv igen om en time, eller ring til kommunen.');
      }
      const door = await this.municipalities.publicDoor(m, municipalityId);
      const opener = { ...actor, userId: door };
      const { citizenId, openCaseId, differing } = await this.citizenOf(m, municipalityId, cpr, given);
      const referral = await this.lifecycle.open(
        m,
        opener,
        {
          municipalityId,
          citizenId,
          referrer: { userId: door, organisation: null },
          reasons: dto.reasons,
          note: dto.note ?? null,
          duplicateOf: openCaseId,
        },
        // A citizen with an open case: held for staff to decide, as another clinic's (ADR 0014).
        openCaseId ? 'possible_duplicate' : 'awaiting_consent',
      );
      if (!openCaseId) {
        await this.repository.setAreaOf(m, referral.id, await this.matching.areaForPostcode(m, municipalityId, given.postcode!));
      }
      if (differing) {
        await this.repository.insertReportedDetails(
          m,
          { municipalityId, citizenId, referralId: referral.id, referralLinkId: null, referrer: { userId: door, organisation: null } },
          differing,
        );
      }
      const ref = await this.publicReferrals.insert(m, municipalityId, referral.id, {
        referrerKind: dto.referrer.kind,
        referrerName: dto.referrer.name ?? null,
        referrerPhone: dto.referrer.phone ?? null,
        referrerEmail: dto.referrer.email ?? null,
        referrerOrganisation: dto.referrer.organisation ?? null,
        citizenKnows: dto.citizenKnows,
        birthDate: dto.citizen.birthDate ?? null,
      });
      // "Modtaget", and nothing more until the citizen consents to more.
      if (dto.referrer.email) {
        await this.messages.send(
          {
            municipalityId,
            recipientId: door,
            address: dto.referrer.email,
            kind: 'public_referral_received',
            referralId: referral.id,
            subject: `Din henvisning ${ref} er modtaget`,
            body: { reference: ref, milestone: 'received' },
            dedupeKey: `public_referral_received:${referral.id}`,
            requestId,
          },
          m,
        );
      }
      await this.audit.record(m, opener, [
        { action: 'referral.create', citizenId, referralId: referral.id, purpose: `public:${dto.referrer.kind}` },
      ]);
      return ref;
    });
    this.metrics.referralsSubmitted.inc({ result: 'created' });
    return { reference };
  }

  /**
   * `POST /v1/referrals/:id/first-contact` — a brobygger of the case's area (or a
   * coordinator) reached the citizen: consented → the consents are recorded and the case
   * is routed as any new one; declined → cancelled and erased at once.
   */
  async firstContact(actor: Actor, referralId: string, dto: FirstContactDto) {
    if (dto.decision === 'consented' && !dto.consent) {
      throw new RuleViolationError('consent: say what the citizen consented to (method, and what the referrer may hear)', {
        field: 'consent',
      });
    }
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.awaiting(m, actor, referralId);
      if (dto.decision === 'declined') {
        await this.lifecycle.transition(m, actor, r, 'cancelled', 'declined');
        await this.repository.setOutcome(m, r.id, { outcome: 'declined' });
        await this.cases.eraseUnconsented(m, r);
        await this.audit.record(m, actor, [{ action: 'referral.close', citizenId: r.citizen_id, referralId: r.id, purpose: 'declined' }]);
        return { id: r.id, status: r.status, erased: true };
      }
      const c = dto.consent!;
      const decisions: ConsentDecision[] = [
        { scope: 'referral', value: 'true' },
        { scope: 'referrer_feedback', value: c.referrerFeedback ?? 'none' },
        { scope: 'share_with_host', value: String(c.shareWithHost ?? false) },
        { scope: 'sms', value: String(c.sms ?? false) },
        { scope: 'statistics', value: String(c.statistics ?? true) },
      ];
      await this.consents.record(m, actor, { citizenId: r.citizen_id, referralId: r.id }, c.method, decisions);
      await this.lifecycle.transition(m, actor, r, 'submitted', 'consent_recorded');
      // From here the case continues as any other: matching routes it.
      await addToOutbox(m, 'matching.match', { referralId: r.id, municipalityId: r.municipality_id, requestId: actor.requestId, v: 1 });
      await this.audit.record(m, actor, [
        { action: 'consent.change', citizenId: r.citizen_id, referralId: r.id, purpose: 'first_contact' },
      ]);
      return { id: r.id, status: r.status, erased: false };
    });
  }

  /** `POST /v1/referrals/:id/spam` (coordinators): rejected as spam in one step, and erased. */
  async rejectAsSpam(actor: Actor, referralId: string) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.awaiting(m, actor, referralId);
      await this.lifecycle.transition(m, actor, r, 'rejected', 'spam');
      await this.repository.setOutcome(m, r.id, { outcome: 'spam' });
      await this.cases.eraseUnconsented(m, r);
      await this.audit.record(m, actor, [{ action: 'referral.close', citizenId: r.citizen_id, referralId: r.id, purpose: 'spam' }]);
      return { id: r.id, status: r.status, erased: true };
    });
  }

  /**
   * `POST /v1/referrals/:id/citizen` (coordinators, ADR 0033): a public referral made
   * without a CPR number is about a citizen Bro knows — the coordinator's decision, never
   * an automatic match. As if the form had carried their CPR number: the referral becomes
   * the known citizen's; what the form said about them is kept as reported details on the
   * referral (never written over them); with an open case of theirs it is held as a
   * possible duplicate of it (decided as any other, ADR 0014), else it keeps waiting for
   * the first call. The CPR-less duplicate row is erased (nothing else points at it: a
   * public referral's citizen has no consents). 404 alike for a referral or citizen of
   * another municipality and one that does not exist; 409 unless the referral awaits
   * consent and its citizen has no CPR number.
   */
  async joinCitizen(actor: Actor, referralId: string, dto: JoinCitizenDto) {
    if ((dto.citizenId === undefined) === (dto.cpr === undefined)) {
      throw new RuleViolationError('Name the known citizen by citizenId or by cpr (one of them)', { field: 'citizenId' });
    }
    let targetId = dto.citizenId;
    if (dto.cpr !== undefined) {
      const cpr = normaliseCpr(dto.cpr);
      if (!cpr)
        throw new RuleViolationError('cpr is not a valid CPR number: 10 digits whose first six are a real date (DDMMYY)', { field: 'cpr' });
      targetId = (await this.repository.citizenByLookupHash(this.dataSource.manager, actor.municipalityId, this.vault.lookupHash(cpr)))?.id;
    }
    return transactionWithRetry(this.dataSource, async (m) => {
      const found = await this.repository.duplicateFacts(m, actor.municipalityId, referralId);
      if (!found || actor.role !== 'coordinator') throw new NotFoundError('Referral not found');
      const target = targetId ? await this.repository.citizenForJoin(m, actor.municipalityId, targetId) : null;
      if (!target || target.erased) throw new NotFoundError('Citizen not found');
      // Both citizens first, in one order (intake and duplicate decisions lock the citizen before the case), then the case.
      for (const id of [found.citizenId, target.id].sort()) await this.repository.lockCitizen(m, id);
      const r = await this.awaiting(m, actor, referralId);
      const own = (await this.repository.citizenForJoin(m, actor.municipalityId, r.citizen_id))!;
      if (!own.cprLess) {
        throw new ConflictError('The referral names a CPR number: the duplicate rules have matched it already', {
          currentStatus: r.status,
          reason: 'has_cpr',
        });
      }
      if (target.id === own.id) throw new ConflictError('That is the referral’s own citizen', { reason: 'same_citizen' });

      const open = await this.repository.openCaseOf(m, target.id);
      // The index allows one open case of its own per citizen: held as a duplicate before it moves.
      if (open) {
        // A held referral names its case (a check says so) before its status says held.
        await this.repository.moveToCitizen(m, r.id, own.id, open.id);
        await this.lifecycle.transition(m, actor, r, 'possible_duplicate', 'joined_citizen');
      }
      await this.repository.moveToCitizen(m, r.id, target.id, open?.id ?? null);
      const door = await this.municipalities.publicDoor(m, r.municipality_id);
      const differing = differingDetails(target.details, own.details);
      if (differing) {
        await this.repository.insertReportedDetails(
          m,
          {
            municipalityId: r.municipality_id,
            citizenId: target.id,
            referralId: r.id,
            referralLinkId: null,
            referrer: { userId: door, organisation: null },
          },
          differing,
        );
      }
      await this.repository.eraseCitizen(m, own.id);
      await this.audit.record(m, actor, [
        { action: 'citizen.join', citizenId: target.id, referralId: r.id, purpose: 'coordinator_decision' },
        { action: 'citizen.erase', citizenId: own.id, referralId: r.id, purpose: 'joined' },
      ]);
      return { id: r.id, status: r.status, citizenId: target.id, duplicateOf: open?.id ?? null };
    });
  }

  /** Locks a public referral awaiting consent for a coordinator or a brobygger of its area; 404 for anyone else, 409 once decided. */
  private async awaiting(m: EntityManager, actor: Actor, referralId: string): Promise<LockedReferral> {
    const r = await lockReferral(m, actor.municipalityId, referralId);
    if (!r) throw new NotFoundError('Referral not found');
    if (actor.role === 'brobygger') {
      const own = await this.matching.brobyggerOfUser(actor.municipalityId, actor.userId, m);
      const mayCall = own !== null && ((r.area_id !== null && own.areaIds.includes(r.area_id)) || r.assignee_id === own.id);
      if (!mayCall || r.status !== 'awaiting_consent') throw new NotFoundError('Referral not found');
    } else if (actor.role !== 'coordinator') {
      throw new NotFoundError('Referral not found');
    }
    if (r.status !== 'awaiting_consent') {
      throw new ConflictError(`The referral is ${r.status}, not awaiting consent`, { currentStatus: r.status });
    }
    return r;
  }

  private async municipalityOf(dto: PublicReferralDto): Promise<string> {
    const m = this.dataSource.manager;
    if (dto.municipalityId) {
      if (!(await this.municipalities.exists(m, dto.municipalityId))) {
        throw new RuleViolationError('municipalityId: vælg kommunen fra listen', { field: 'municipalityId' });
      }
      return dto.municipalityId;
    }
    const postcode = dto.postcode ?? dto.citizen.address.postcode;
    const found = await this.matching.municipalitiesOfPostcode(m, postcode);
    if (found.length !== 1) {
      throw new RuleViolationError('municipalityId: vi kan ikke finde kommunen ud fra postnummeret — vælg den fra listen', {
        field: 'municipalityId',
      });
    }
    return found[0];
  }

  /**
   * The citizen the referral is about. Without a CPR number: a new citizen, always. With
   * one: the same rules as for another clinic's referral — but the form never writes
   * over what Bro holds (anyone can type a CPR number): differing details are kept as
   * reported details for staff; an erased citizen takes the form's details again.
   */
  private async citizenOf(
    m: EntityManager,
    municipalityId: string,
    cpr: string | null,
    given: CitizenDetails,
  ): Promise<{ citizenId: string; openCaseId: string | null; differing: Partial<CitizenDetails> | null }> {
    if (!cpr)
      return { citizenId: await this.repository.insertCitizenWithoutCpr(m, municipalityId, given), openCaseId: null, differing: null };
    const sealed = this.vault.seal(cpr);
    const citizen = await this.repository.findOrCreateCitizen(m, municipalityId, this.vault.lookupHash(cpr), sealed, given, false);
    const { open } = await this.repository.openMatterOf(m, citizen.id);
    if (!citizen.inserted && citizen.current.name === null) {
      await this.repository.refreshCitizen(m, citizen.id, sealed, given);
      return { citizenId: citizen.id, openCaseId: open?.id ?? null, differing: null };
    }
    return {
      citizenId: citizen.id,
      openCaseId: open?.id ?? null,
      differing: citizen.inserted ? null : differingDetails(citizen.current, given),
    };
  }
}
