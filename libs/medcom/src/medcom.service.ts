import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@bro/audit';
import { Actor, MunicipalityFacts } from '@bro/auth';
import { Clock, ConflictError, ForbiddenError, NotFoundError, RuleViolationError, transactionWithRetry } from '@bro/platform';
import { ReferrerFeedbackService } from '@bro/notification';
import { CaseService, ReferralViewsService } from '@bro/referral';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Organisation, Problem, readCareCommunication } from './care-communication';
import { CATEGORIES } from './medcom-codes';
import { acknowledgement, checkAcknowledgement, readAcknowledgement } from './messages-out';
import { MedcomSender } from './medcom-sender';
import { MedcomRepository } from './medcom.repository';

type Json = Record<string, unknown>;

/** What an answer to POST /medcom says: the Acknowledgement (or, for an incoming Acknowledgement, that it was recorded). */
export interface Received {
  body: Json;
  outcome: 'accepted' | 'duplicate' | 'attached' | 'inbox' | 'rejected' | 'acknowledgement';
}

/** The sender and receiver a Bundle names, read as far as it can be (an invalid message is still answered). */
function parties(body: unknown): { headerId: string; sender: Organisation } {
  const none = { name: null, sor: null, gln: null };
  const entries = (body as { entry?: { fullUrl?: string; resource?: Json }[] } | null)?.entry;
  const header = Array.isArray(entries) ? entries[0]?.resource : undefined;
  const headerId = typeof header?.id === 'string' ? header.id.slice(0, 64) : '';
  const senderRef = (header?.sender as { reference?: string } | undefined)?.reference;
  const found = Array.isArray(entries)
    ? entries.find(
        (e) => e?.fullUrl === senderRef || (senderRef && `${String(e?.resource?.resourceType)}/${String(e?.resource?.id)}` === senderRef),
      )
    : undefined;
  const ids = Array.isArray(found?.resource?.identifier) ? (found.resource.identifier as Json[]) : [];
  const value = (system: string) => {
    const v = ids.find((i) => i?.system === system)?.value;
    return typeof v === 'string' ? v.slice(0, 40) : null;
  };
  return {
    headerId,
    sender: found
      ? {
          name: typeof found.resource?.name === 'string' ? found.resource.name.slice(0, 200) : null,
          sor: value('urn:oid:1.2.208.176.1.1'),
          gln: value('urn:oid:1.3.88'),
        }
      : none,
  };
}

/** The content a duplicate is compared by: the Bundle as sent, keys sorted. */
function contentHash(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Json)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

/**
 * MedCom messaging (issue 18, ADR 0028): CareCommunication in from the GP's system
 * through the VANS gateway, answered with an Acknowledgement (also queued outbound);
 * a message about a citizen with a case joins the case's thread, any other lands in
 * the coordinators' inbox. The CPR is matched by the keyed hash and never logged,
 * stored in clear, or echoed.
 */
@Injectable()
export class MedcomService {
  private readonly logger = new Logger(MedcomService.name);

  constructor(
    private readonly repository: MedcomRepository,
    private readonly municipalities: MunicipalityFacts,
    private readonly referrals: ReferralViewsService,
    private readonly cases: CaseService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly sender: MedcomSender,
    private readonly feedback: ReferrerFeedbackService,
  ) {}

  /** `POST /medcom` (the gateway): a CareCommunication or an Acknowledgement message. */
  async receive(actor: Actor, body: unknown): Promise<Received> {
    if (actor.role !== 'gateway') throw new ForbiddenError('Only the MedCom gateway delivers messages');
    const ack = readAcknowledgement(body);
    if (ack) {
      const closed = await this.repository.transaction((m) =>
        this.repository.acknowledge(m, actor.municipalityId, ack.answers, ack.code, ack.detail),
      );
      this.logger.log(
        { municipalityId: actor.municipalityId, answers: ack.answers, code: ack.code, known: closed !== null },
        'MedCom acknowledgement received',
      );
      return {
        outcome: 'acknowledgement',
        body: {
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'information',
              code: 'informational',
              diagnostics: closed ? 'acknowledgement recorded' : 'acknowledgement of no message Bro sent',
            },
          ],
        },
      };
    }
    const us = await this.municipalities.medcomIdentity(this.repository.manager(), actor.municipalityId);
    const { message, problems } = readCareCommunication(body);
    const { headerId, sender } = parties(body);
    const hash = contentHash(body);
    if (message && us.sor && message.recipient.sor !== us.sor) {
      problems.push({
        path: 'MessageHeader.destination[primary].receiver',
        message: 'the message is not addressed to this municipality (SOR)',
      });
    }
    return this.repository.transaction(async (m) => {
      if (!message || problems.length > 0)
        return this.answer(m, actor.municipalityId, headerId, 'fatal-error', problems, us, sender, 'rejected');
      const seen = await this.repository.inboundByHeader(m, actor.municipalityId, message.headerId);
      if (seen) {
        if (seen.contentHash === hash)
          return this.answer(m, actor.municipalityId, message.headerId, 'ok', [], us, message.sender, 'duplicate');
        const other = [{ path: 'MessageHeader.id', message: 'a message with this MessageHeader id and other content was received before' }];
        return this.answer(m, actor.municipalityId, message.headerId, 'fatal-error', other, us, message.sender, 'rejected');
      }
      const found = message.patient.cpr ? await this.referrals.caseOfCpr(actor.municipalityId, message.patient.cpr, m) : null;
      const referralId = found?.referralId ?? null;
      await this.repository.insert(m, {
        municipalityId: actor.municipalityId,
        direction: 'in',
        event: 'care-communication',
        headerId: message.headerId,
        contentHash: hash,
        version: message.version,
        referralId,
        kind: message.kind,
        category: message.category,
        topic: message.topic,
        priority: message.priority,
        sender: message.sender,
        recipient: message.recipient,
        segments: message.segments,
        attachments: message.attachments,
        // Who it is about, for the coordinator who attaches it by hand: the name, and the keyed hash (never the CPR).
        patientName: referralId ? null : message.patient.name,
        cprHmac: referralId ? null : (found?.lookupHash ?? null),
      });
      if (referralId && found?.citizenId) {
        await this.audit.record(m, actor, [{ action: 'medcom.receive', citizenId: found.citizenId, referralId, purpose: message.kind }]);
      }
      return this.answer(m, actor.municipalityId, message.headerId, 'ok', [], us, message.sender, referralId ? 'attached' : 'inbox');
    });
  }

  /** The Acknowledgement: returned to the caller and queued outbound (one per answer). */
  private async answer(
    m: EntityManager,
    municipalityId: string,
    answers: string,
    code: 'ok' | 'fatal-error',
    problems: Problem[],
    us: Organisation,
    to: Organisation,
    outcome: Received['outcome'],
  ): Promise<Received> {
    const { bundle, headerId } = acknowledgement({ answers, code, problems, from: us, to, at: this.clock.now() });
    const invalid = checkAcknowledgement(bundle).length > 0;
    await this.repository.insert(m, {
      municipalityId,
      direction: 'out',
      event: 'acknowledgement',
      headerId,
      contentHash: contentHash(bundle),
      sender: us,
      recipient: to,
      bundle,
      answers,
      ackCode: code,
      ackDetail: problems.length
        ? problems
            .map((p) => `${p.path}: ${p.message}`)
            .join('; ')
            .slice(0, 2000)
        : null,
      deliveryStatus: invalid ? 'invalid' : 'pending',
    });
    this.logger.log({ municipalityId, answers, code, outcome, problems: problems.length }, 'MedCom message acknowledged');
    return { body: bundle, outcome };
  }

  /** `GET /v1/referrals/:id/messages`: the case's MedCom thread, for its brobygger and coordinators; audited as a read of the case. */
  async thread(actor: Actor, referralId: string) {
    const r = await transactionWithRetry(this.repository.source(), async (m) => {
      const locked = await this.cases.openForCasework(m, actor, referralId, { held: true });
      await this.audit.record(m, actor, [{ action: 'medcom.read', citizenId: locked.citizen_id, referralId }]);
      return locked;
    });
    const rows = await this.repository.ofCase(actor.municipalityId, r.id);
    return {
      items: rows.map((row) => ({
        id: row.id,
        direction: row.direction,
        kind: row.kind ?? 'new',
        category: row.category ?? 'other',
        categoryText: CATEGORIES[row.category ?? 'other'] ?? row.category,
        topic: row.topic,
        ...(row.priority ? { priority: row.priority } : {}),
        sender: row.sender,
        recipient: row.recipient,
        segments: row.segments,
        attachments: row.attachments.map((a, n) => ({
          title: a.title,
          author: a.author,
          creation: a.creation,
          ...(a.url ? { url: a.url } : {}),
          ...(a.contentType ? { contentType: a.contentType } : {}),
          ...(row.direction === 'in' && (a as { hasData?: boolean }).hasData !== false
            ? { downloadUrl: `/v1/referrals/${r.id}/messages/${row.id}/attachments/${n}` }
            : {}),
        })),
        ...(row.direction === 'out' ? { acknowledged: row.ackCode === 'ok', deliveryStatus: row.deliveryStatus } : {}),
        createdAt: row.createdAt,
      })),
    };
  }

  /** An attachment's content (base64 in the message), as a file. */
  async attachment(actor: Actor, referralId: string, messageId: string, n: number) {
    await transactionWithRetry(this.repository.source(), async (m) => {
      const locked = await this.cases.openForCasework(m, actor, referralId, { held: true });
      await this.audit.record(m, actor, [{ action: 'medcom.attachment', citizenId: locked.citizen_id, referralId }]);
    });
    const a = await this.repository.attachment(actor.municipalityId, referralId, messageId, n);
    if (!a?.data) throw new NotFoundError('Attachment not found');
    return { title: a.title, contentType: a.contentType ?? 'application/octet-stream', content: Buffer.from(a.data, 'base64') };
  }

  /**
   * `POST /v1/referrals/:id/messages/:messageId/reply` (the case's brobygger, coordinators):
   * a CareCommunication reply to the sender of an incoming message, through the ledger.
   * Free text leaves the municipality only when the consent in force now gives the
   * sender's clinic the `summary` feedback level, read through the referrer channel's
   * own audience and policy, and the sender is a clinic that referred the case (its SOR
   * or GLN in `medcom_clinic`); otherwise 409 and nothing is stored or sent (ADR 0028).
   */
  async reply(actor: Actor, referralId: string, messageId: string, text: string) {
    // Read before the transaction, not from the pool inside it (connection-guard.ts). The
    // clinic's level is decided again at every send (ADR 0038), so reading it first is safe.
    const clinics = await this.repository.clinics(actor.municipalityId);
    const referring = new Map((await this.feedback.clinicLevels(actor.municipalityId, referralId)).map((c) => [c.organisation, c.level]));
    return transactionWithRetry(this.repository.source(), async (m) => {
      const r = await this.cases.openForCasework(m, actor, referralId);
      const incoming = await this.repository.inboundOfCase(m, actor.municipalityId, r.id, messageId);
      if (!incoming) throw new NotFoundError('Message not found');
      const from = incoming.sender;
      const clinic = clinics.find(
        (c) => referring.has(c.organisation) && ((from.sor !== null && c.sor === from.sor) || (from.gln !== null && c.gln === from.gln)),
      );
      if (!clinic) {
        throw new ConflictError('The sender is not a clinic that referred the case: nothing was sent', {
          code: 'recipient_not_referring_clinic',
        });
      }
      if (referring.get(clinic.organisation) !== 'summary') {
        throw new ConflictError('The citizen has not consented to feedback at the summary level to this clinic: nothing was sent', {
          code: 'feedback_summary_consent_required',
          missingConsent: 'referrer_feedback:summary',
        });
      }
      const queued = await this.sender.queue(m, {
        municipalityId: actor.municipalityId,
        referralId: r.id,
        kind: 'reply',
        category: incoming.category ?? 'other',
        topic: incoming.topic,
        to: { name: from.name ?? clinic.organisation, sor: clinic.sor, gln: clinic.gln },
        text,
        role: actor.role === 'coordinator' ? 'Koordinator' : 'Brobygger',
        previous: incoming.headerId,
        dedupeKey: null,
        // Free text to a GP: at every send the clinic must still have the summary level.
        sendRule: { organisation: clinic.organisation, milestone: null, summary: true },
        invalid: 'refuse',
      });
      if (queued === 'skipped') {
        throw new ConflictError('The municipality has no MedCom address (SOR and GLN): nothing was sent', {
          code: 'medcom_not_configured',
        });
      }
      if (!queued.id) {
        throw new RuleViolationError('The reply does not meet the CareCommunication profile: nothing was sent', {
          code: 'rule_violation',
          problems: queued.problems.map((p) => p.path),
        });
      }
      await this.audit.record(m, actor, [{ action: 'medcom.reply', citizenId: r.citizen_id, referralId: r.id }]);
      this.logger.log({ municipalityId: actor.municipalityId, referralId: r.id, messageId: queued.id }, 'MedCom reply queued');
      return { id: queued.id, referralId: r.id, inReplyTo: messageId, kind: 'reply' as const, deliveryStatus: 'pending' as const };
    });
  }

  /** `GET /v1/medcom/inbox` (coordinators): messages about citizens no case was found for. */
  async inbox(actor: Actor) {
    const rows = await this.repository.inbox(actor.municipalityId);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind ?? 'new',
        category: r.category ?? 'other',
        topic: r.topic,
        sender: r.sender,
        patientName: r.patientName,
        receivedAt: r.createdAt,
        segments: r.segments.length,
        attachments: r.attachments.length,
      })),
      total: rows.length,
    };
  }

  /** `POST /v1/medcom/inbox/:id/attach` (coordinators): the message joins a case of the municipality. */
  async attach(actor: Actor, id: string, referralId: string) {
    await transactionWithRetry(this.repository.source(), async (m) => {
      const r = await this.cases.openForCasework(m, actor, referralId, { held: true });
      if (!(await this.repository.attach(m, actor.municipalityId, id, r.id))) throw new NotFoundError('Message not found in the inbox');
      await this.audit.record(m, actor, [{ action: 'medcom.attach', citizenId: r.citizen_id, referralId: r.id }]);
    });
    return { id, referralId };
  }

  /** `GET /v1/medcom/clinics` (coordinators): the referring clinics' SOR and GLN. */
  async clinics(actor: Actor) {
    const items = await this.repository.clinics(actor.municipalityId);
    return { items, total: items.length };
  }

  /** `PUT /v1/medcom/clinics`: sets one clinic's SOR and GLN, keyed by the organisation its referrers carry. */
  async putClinic(actor: Actor, c: { organisation: string; sor: string; gln: string }) {
    await this.repository.putClinic(actor.municipalityId, c);
    return c;
  }
}
