import { ReferralStatus } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@bro/audit';
import type { Actor } from '@bro/auth';
import { ConsentDecision, ConsentService } from '@bro/consent';
import {
  addAllToOutbox,
  ConflictError,
  idempotency,
  IdempotencyKeyDigest,
  Metrics,
  OutboxJob,
  RuleViolationError,
  together,
} from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CitizenInputDto, CreateReferralDto } from './dto/create-referral.dto';
import { CaseLifecycle } from './case-lifecycle';
import { CprVault } from './cpr-vault';
import { normaliseCpr } from './cpr';
import { CitizenDetails, differingDetails, HeldReferral, OpenCase, ReferralRepository, ReferrerRef } from './referral.repository';

export interface IntakeResult {
  id: string;
  status: ReferralStatus;
  createdAt: string;
  linked?: true;
}

/**
 * Referral intake (`POST /v1/referrals`). One transaction writes the citizen, the
 * referral (or the link to the citizen's open case), the consents, the outbox row
 * that asks for matching, the audit row and the idempotency record. Nothing here
 * talks to Redis: if the transaction commits, the referral will be routed.
 *
 * A citizen with an open case (ADR 0014): a referral from the clinic that holds it —
 * or from a coordinator — is linked to it (`linked: true`). One from another clinic
 * gets exactly the reply a referral of an unknown citizen gets — its own new id,
 * `submitted` — and waits as a possible duplicate until staff decide; the reply never
 * tells a CPR holder's case apart from a stranger's. Neither a link nor a possible
 * duplicate changes the citizen's identity data or another referral's consents:
 * differing details are kept beside it ("oplyst af"), its consents are its own.
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vault: CprVault,
    private readonly consents: ConsentService,
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
    private readonly repository: ReferralRepository,
    private readonly lifecycle: CaseLifecycle,
  ) {}

  async submit(actor: Actor, dto: CreateReferralDto, idempotencyKey?: string): Promise<IntakeResult> {
    if (dto.consent?.referral !== true) {
      throw new RuleViolationError('The citizen must consent to being referred: consent.referral must be true', {
        field: 'consent.referral',
        code: 'consent_required',
      });
    }
    const cpr = normaliseCpr(dto.citizen.cpr);
    if (!cpr) {
      throw new RuleViolationError('citizen.cpr is not a valid CPR number: 10 digits whose first six are a real date (DDMMYY)', {
        field: 'citizen.cpr',
        code: 'invalid_cpr',
      });
    }
    // Only a keyed request can be replayed, so only its body is digested for the comparison.
    const keyed =
      idempotencyKey === undefined
        ? undefined
        : { key: this.vault.idempotencyKey(idempotencyKey), requestHash: this.vault.digest('idempotency', JSON.stringify(dto)) };

    const result = await this.dataSource.transaction(async (m) => {
      if (keyed && !(await idempotency.claim(m, actor.userId, keyed.key, keyed.requestHash))) return null;
      const sealed = this.vault.seal(cpr);
      const given = citizenDetails(dto.citizen);
      // Locks the citizen row: concurrent referrals of one citizen queue up here, and the
      // second finds the first's open case.
      const citizen = await this.repository.findOrCreateCitizen(
        m,
        actor.municipalityId,
        this.vault.lookupHash(cpr),
        sealed,
        given,
        dto.citizen.addressProtected ?? false,
      );
      const { open, held } = await this.repository.openMatterOf(m, citizen.id);
      let outcome: { body: IntakeResult; result: 'created' | 'linked' };
      if (!open) {
        if (!citizen.inserted) await this.repository.refreshCitizen(m, citizen.id, sealed, given);
        outcome = { body: await this.create(m, actor, citizen.id, dto), result: 'created' };
      } else {
        const differing = differingDetails(citizen.current, given);
        const own = ownReferralOf(actor, open, held);
        outcome = own
          ? { body: await this.link(m, actor, citizen.id, own, dto, differing), result: 'linked' }
          : // Counted as created: /metrics must not tell a held referral apart either.
            { body: await this.hold(m, actor, citizen.id, open, dto, differing), result: 'created' };
      }
      if (keyed) await idempotency.complete(m, actor.userId, keyed.key, { statusCode: 201, body: outcome.body });
      return outcome;
    });

    if (result) {
      this.metrics.referralsSubmitted.inc({ result: result.result });
      return result.body;
    }
    return this.replay(actor, keyed!.key, keyed!.requestHash);
  }

  private async replay(actor: Actor, key: IdempotencyKeyDigest, requestHash: string): Promise<IntakeResult> {
    const stored = await idempotency.find<IntakeResult>(this.dataSource.manager, actor.userId, key);
    if (!stored) throw new Error('idempotency key vanished between claim and replay');
    if (stored.requestHash !== requestHash) {
      throw new ConflictError('This Idempotency-Key was already used with a different request; use a new key for a new referral');
    }
    this.metrics.referralsSubmitted.inc({ result: 'replayed' });
    return stored.body;
  }

  private async create(m: EntityManager, actor: Actor, citizenId: string, dto: CreateReferralDto): Promise<IntakeResult> {
    const referral = await this.lifecycle.open(
      m,
      actor,
      {
        municipalityId: actor.municipalityId,
        citizenId,
        referrer: { userId: actor.userId, organisation: actor.organisation },
        reasons: dto.reasons,
        note: dto.note ?? null,
        duplicateOf: null,
      },
      'submitted',
    );
    // Independent of each other: sent together, one round trip (ADR 0043).
    await together([
      this.recordConsents(m, actor, { citizenId, referralId: referral.id }, dto),
      // Matching and "received" in one statement.
      addAllToOutbox(m, [
        {
          name: 'matching.match',
          data: { referralId: referral.id, municipalityId: actor.municipalityId, requestId: actor.requestId, v: 1 },
        },
        this.received(actor, referral.id),
      ]),
      this.audit.record(m, actor, [{ action: 'referral.create', citizenId, referralId: referral.id }]),
    ]);
    return { id: referral.id, status: 'submitted', createdAt: referral.createdAt.toISOString() };
  }

  /**
   * Another clinic's referral of a citizen with an open case: a new referral of its own,
   * held as a possible duplicate — not matched, not linked, nothing of the open case in
   * the reply — until a coordinator or the case's brobygger decides (LinkingService).
   */
  private async hold(
    m: EntityManager,
    actor: Actor,
    citizenId: string,
    open: OpenCase,
    dto: CreateReferralDto,
    differing: Partial<CitizenDetails> | null,
  ): Promise<IntakeResult> {
    const referrer = { userId: actor.userId, organisation: actor.organisation };
    const referral = await this.lifecycle.open(
      m,
      actor,
      { municipalityId: actor.municipalityId, citizenId, referrer, reasons: dto.reasons, note: dto.note ?? null, duplicateOf: open.id },
      'possible_duplicate',
    );
    await this.recordConsents(m, actor, { citizenId, referralId: referral.id }, dto);
    if (differing) {
      await this.repository.insertReportedDetails(
        m,
        { municipalityId: actor.municipalityId, citizenId, referralId: referral.id, referralLinkId: null, referrer },
        differing,
      );
    }
    // "Received", as for any referral; no matching until staff have decided.
    await this.announceReceived(m, actor, referral.id);
    await this.audit.record(m, actor, [{ action: 'referral.create', citizenId, referralId: referral.id, purpose: 'possible_duplicate' }]);
    return { id: referral.id, status: 'submitted', createdAt: referral.createdAt.toISOString() };
  }

  /** A later referral of the same clinic: its reasons join that clinic's referral (the open case, or its held one). */
  private async link(
    m: EntityManager,
    actor: Actor,
    citizenId: string,
    target: Target,
    dto: CreateReferralDto,
    differing: Partial<CitizenDetails> | null,
  ): Promise<IntakeResult> {
    const referrer = { userId: actor.userId, organisation: actor.organisation };
    const linkId = await this.repository.insertLink(m, {
      municipalityId: actor.municipalityId,
      referralId: target.id,
      referrer,
      reasons: dto.reasons,
      note: dto.note ?? null,
    });
    await this.recordConsents(m, actor, { citizenId, referralId: target.id, referralLinkId: linkId }, dto);
    if (differing) {
      await this.repository.insertReportedDetails(
        m,
        { municipalityId: actor.municipalityId, citizenId, referralId: target.id, referralLinkId: linkId, referrer },
        differing,
      );
    }
    await this.audit.record(m, actor, [{ action: 'referral.link', citizenId, referralId: target.id }]);
    // `submitted`, whatever the case has reached: the referrer learns that from their view,
    // cut to their consent. Were it the case's status, submitting twice would tell an
    // unknown citizen's new case (matched in a moment) from a referral held as a
    // possible duplicate (ADR 0014).
    return { id: target.id, status: 'submitted', createdAt: target.createdAt.toISOString(), linked: true };
  }

  /** The referrer hears "received" at every consent level (through the same policy as the rest). */
  private async announceReceived(m: EntityManager, actor: Actor, referralId: string) {
    await addAllToOutbox(m, [this.received(actor, referralId)]);
  }

  private received(actor: Actor, referralId: string): OutboxJob {
    return {
      name: 'notification.referrer-milestone',
      data: { referralId, milestone: 'received', municipalityId: actor.municipalityId, requestId: actor.requestId, v: 1 },
    };
  }

  private async recordConsents(
    m: EntityManager,
    actor: Actor,
    target: { citizenId: string; referralId: string; referralLinkId?: string },
    dto: CreateReferralDto,
  ) {
    const c = dto.consent!;
    const decisions: ConsentDecision[] = [
      { scope: 'referral', value: 'true' },
      { scope: 'referrer_feedback', value: c.referrerFeedback ?? 'none' },
      { scope: 'share_with_host', value: String(c.shareWithHost ?? false) },
      { scope: 'sms', value: String(c.sms ?? false) },
      { scope: 'statistics', value: String(c.statistics ?? true) },
    ];
    await this.consents.record(m, actor, target, c.method, decisions);
  }
}

interface Target {
  id: string;
  status: ReferralStatus;
  createdAt: Date;
}

/**
 * The referral the submitting clinic already has for this citizen's open matter: the
 * open case itself (their clinic referred it or linked to it; coordinators see every
 * case anyway), or their own referral held as a possible duplicate of it or linked to
 * it. Same clinic = same organisation; a referrer without one is only themself.
 */
function ownReferralOf(actor: Actor, open: OpenCase, held: HeldReferral[]): Target | null {
  const mine = (r: ReferrerRef) => r.userId === actor.userId || (actor.organisation !== null && r.organisation === actor.organisation);
  if (actor.role === 'coordinator' || mine(open.referrer) || open.linkReferrers.some(mine)) {
    return { id: open.id, status: open.status, createdAt: open.createdAt };
  }
  const own = held.find((h) => mine(h.referrer) || h.linkReferrers.some(mine));
  return own ? { id: own.id, status: own.status, createdAt: own.createdAt } : null;
}

function citizenDetails(c: CitizenInputDto): CitizenDetails {
  return {
    name: c.name,
    phone: c.phone ?? null,
    email: c.email ?? null,
    street: c.address.street,
    postcode: c.address.postcode,
    city: c.address.city,
    language: c.language ?? null,
    contactPreferences: c.contactPreferences ? { ...c.contactPreferences } : null,
  };
}
