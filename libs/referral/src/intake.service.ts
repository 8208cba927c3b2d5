import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@bro/audit';
import type { Actor } from '@bro/auth';
import { ConsentDecision, ConsentService } from '@bro/consent';
import { addToOutbox, ConflictError, idempotency, IdempotencyKeyDigest, Metrics, RuleViolationError } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CitizenInputDto, CreateReferralDto } from './dto/create-referral.dto';
import { CprVault } from './cpr-vault';
import { normaliseCpr } from './cpr';
import { CLOSED_STATUSES, ReferralStatus } from './referral-status';

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
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vault: CprVault,
    private readonly consents: ConsentService,
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
  ) {}

  async submit(actor: Actor, dto: CreateReferralDto, idempotencyKey?: string): Promise<IntakeResult> {
    if (dto.consent?.referral !== true) {
      throw new RuleViolationError('The citizen must consent to being referred: consent.referral must be true', {
        field: 'consent.referral',
      });
    }
    const cpr = normaliseCpr(dto.citizen.cpr);
    if (!cpr) {
      throw new RuleViolationError('citizen.cpr is not a valid CPR number: 10 digits whose first six are a real date (DDMMYY)', {
        field: 'citizen.cpr',
      });
    }
    const requestHash = this.vault.digest('idempotency', JSON.stringify(dto));
    const keyDigest = idempotencyKey === undefined ? undefined : this.vault.idempotencyKey(idempotencyKey);

    const result = await this.dataSource.transaction(async (m) => {
      if (keyDigest && !(await idempotency.claim(m, actor.userId, keyDigest, requestHash))) return null;
      const citizenId = await this.upsertCitizen(m, actor.municipalityId, cpr, dto.citizen);
      // The citizen row is now locked by the upsert, so concurrent referrals of one
      // citizen queue up here and the second finds the first's open case.
      const open: { id: string; status: ReferralStatus; created_at: Date }[] = await m.query(
        'SELECT id, status, created_at FROM referral WHERE citizen_id = $1 AND status <> ALL($2)',
        [citizenId, CLOSED_STATUSES],
      );
      const body = open.length > 0 ? await this.link(m, actor, citizenId, open[0], dto) : await this.create(m, actor, citizenId, dto);
      if (keyDigest) await idempotency.complete(m, actor.userId, keyDigest, { statusCode: 201, body });
      return body;
    });

    if (result) {
      this.metrics.referralsSubmitted.inc({ result: result.linked ? 'linked' : 'created' });
      return result;
    }
    return this.replay(actor, keyDigest!, requestHash);
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
    const [referral]: { id: string; created_at: Date }[] = await m.query(
      `INSERT INTO referral (municipality_id, citizen_id, referrer_id, referrer_organisation, status, reasons, note)
       VALUES ($1, $2, $3, $4, 'submitted', $5, $6) RETURNING id, created_at`,
      [actor.municipalityId, citizenId, actor.userId, actor.organisation, dto.reasons, dto.note ?? null],
    );
    await m.query(
      `INSERT INTO referral_status_change (municipality_id, referral_id, from_status, to_status, actor_id)
       VALUES ($1, $2, NULL, 'submitted', $3)`,
      [actor.municipalityId, referral.id, actor.userId],
    );
    await this.recordConsents(m, actor, citizenId, referral.id, dto);
    await addToOutbox(m, 'matching.match', {
      referralId: referral.id,
      municipalityId: actor.municipalityId,
      requestId: actor.requestId,
      v: 1,
    });
    // The referrer hears "received" at every consent level (through the same policy as the rest).
    await addToOutbox(m, 'notification.referrer-milestone', {
      referralId: referral.id,
      milestone: 'received',
      municipalityId: actor.municipalityId,
      requestId: actor.requestId,
      v: 1,
    });
    await this.audit.record(m, actor, [{ action: 'referral.create', citizenId, referralId: referral.id }]);
    return { id: referral.id, status: 'submitted', createdAt: referral.created_at.toISOString() };
  }

  /** A citizen with an open case: the new reasons join that case instead of a second one. */
  private async link(
    m: EntityManager,
    actor: Actor,
    citizenId: string,
    open: { id: string; status: ReferralStatus; created_at: Date },
    dto: CreateReferralDto,
  ): Promise<IntakeResult> {
    await m.query(
      `INSERT INTO referral_link (municipality_id, referral_id, referrer_id, referrer_organisation, reasons, note)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [actor.municipalityId, open.id, actor.userId, actor.organisation, dto.reasons, dto.note ?? null],
    );
    await m.query('UPDATE referral SET updated_at = now() WHERE id = $1', [open.id]);
    await this.recordConsents(m, actor, citizenId, open.id, dto);
    await this.audit.record(m, actor, [{ action: 'referral.link', citizenId, referralId: open.id }]);
    return { id: open.id, status: open.status, createdAt: open.created_at.toISOString(), linked: true };
  }

  private async recordConsents(m: EntityManager, actor: Actor, citizenId: string, referralId: string, dto: CreateReferralDto) {
    const c = dto.consent!;
    const decisions: ConsentDecision[] = [
      { scope: 'referral', value: 'true' },
      { scope: 'referrer_feedback', value: c.referrerFeedback ?? 'none' },
      { scope: 'share_with_host', value: String(c.shareWithHost ?? false) },
      { scope: 'sms', value: String(c.sms ?? false) },
      { scope: 'statistics', value: String(c.statistics ?? true) },
    ];
    await this.consents.record(m, actor, { citizenId, referralId }, c.method, decisions);
  }

  /** Finds the citizen by keyed CPR hash, creating or refreshing their contact details. */
  private async upsertCitizen(m: EntityManager, municipalityId: string, cpr: string, c: CitizenInputDto): Promise<string> {
    const sealed = this.vault.seal(cpr);
    const prefs = c.contactPreferences ? JSON.stringify(c.contactPreferences) : null;
    const [row]: { id: string }[] = await m.query(
      `INSERT INTO citizen (municipality_id, cpr_hmac, cpr_ciphertext, cpr_key_id, name, phone, email,
                            street, postcode, city, language, contact_preferences)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, COALESCE($12::jsonb, '{}'))
       ON CONFLICT (municipality_id, cpr_hmac) DO UPDATE SET
         cpr_ciphertext = EXCLUDED.cpr_ciphertext, cpr_key_id = EXCLUDED.cpr_key_id,
         name = EXCLUDED.name, street = EXCLUDED.street, postcode = EXCLUDED.postcode, city = EXCLUDED.city,
         phone = COALESCE(EXCLUDED.phone, citizen.phone), email = COALESCE(EXCLUDED.email, citizen.email),
         language = COALESCE(EXCLUDED.language, citizen.language),
         contact_preferences = COALESCE($12::jsonb, citizen.contact_preferences),
         erased_at = NULL, updated_at = now()
       RETURNING id`,
      [
        municipalityId,
        this.vault.lookupHash(cpr),
        sealed.ciphertext,
        sealed.keyId,
        c.name,
        c.phone ?? null,
        c.email ?? null,
        c.address.street,
        c.address.postcode,
        c.address.city,
        c.language ?? null,
        prefs,
      ],
    );
    return row.id;
  }
}
