import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { MunicipalityFacts } from '@bro/auth';
import { DisclosedMilestone, MilestoneChannel, MilestoneChannels, ReferrerFeedbackService, WithheldReason } from '@bro/notification';
import { AppConfig, Clock, OnJob } from '@bro/platform';
import { ReferralViewsService } from '@bro/referral';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Organisation, Problem, readCareCommunication } from './care-communication';
import { CATEGORIES, MessageKind } from './medcom-codes';
import { careCommunication, readAcknowledgement } from './messages-out';
import { MEDCOM_TRANSPORT, MedcomTransport } from './medcom-transport';
import { DueMessage, MedcomRepository, SendRule } from './medcom.repository';

/** The milestones a clinic hears of by MedCom (issue 18): the first conversation, and the close. */
const TEXT: Partial<Record<DisclosedMilestone['milestone'], string>> = {
  conversation_held: 'Borgeren har haft den første samtale med en brobygger i kommunen.',
  closed: 'Forløbet med brobyggeren i kommunen er afsluttet.',
};

/** Where the CPR stands in a stored message: it is put in at each send, never kept in the ledger (ADR 0003). */
const CPR_SLOT = '{{cpr}}';

export type MedcomSendOutcome = 'queued' | 'already_queued' | 'invalid' | 'skipped';

/**
 * MedCom as a channel of the referrer feedback (ADR 0028): the milestone the referrer
 * channel decided to tell a clinic — cut by the consent in force when sending — goes to
 * the clinic's own system as a CareCommunication `regarding-referral`, checked against
 * the profiles before it is stored for sending; an invalid one is not sent and flags the
 * case. `deliverDue` sends what is due through the transport and resends until the
 * receiver's Acknowledgement arrives: MEDCOM_MAX_SENDS sends MEDCOM_RESEND_MS apart,
 * then the entry fails and the case is flagged.
 */
@Injectable()
export class MedcomSender implements MilestoneChannel, OnModuleInit {
  private readonly logger = new Logger(MedcomSender.name);

  constructor(
    private readonly channels: MilestoneChannels,
    private readonly repository: MedcomRepository,
    private readonly municipalities: MunicipalityFacts,
    private readonly referrals: ReferralViewsService,
    private readonly feedback: ReferrerFeedbackService,
    @Inject(MEDCOM_TRANSPORT) private readonly transport: MedcomTransport,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.channels.register(this);
  }

  async milestone(d: DisclosedMilestone): Promise<void> {
    await this.send(d);
  }

  async send(d: DisclosedMilestone): Promise<MedcomSendOutcome> {
    const text = TEXT[d.milestone];
    if (!text || !d.organisation) return 'skipped';
    const m = this.repository.manager();
    const clinic = await this.repository.clinic(m, d.municipalityId, d.organisation);
    // No MedCom address on either side: the clinic hears by Bro's own message only.
    if (!clinic) return 'skipped';
    const summary = d.milestone === 'closed' && d.view.summary ? `\n\nOpsummering (godkendt af borgeren):\n${d.view.summary}` : '';
    const queued = await this.queue(m, {
      municipalityId: d.municipalityId,
      referralId: d.referralId,
      kind: 'new',
      category: 'regarding-referral',
      topic: 'Social henvisning',
      to: { name: d.organisation, sor: clinic.sor, gln: clinic.gln },
      text: `${text}${summary}`,
      role: 'Brobygger',
      // One message per case, clinic and milestone: a redelivered job sends nothing twice.
      dedupeKey: `milestone:${d.referralId}:${d.organisation}:${d.milestone}`,
      sendRule: { organisation: d.organisation, milestone: d.milestone, summary: summary !== '' },
      invalid: 'store',
    });
    if (queued === 'skipped') return 'skipped';
    if (!queued.id) return 'already_queued';
    return queued.problems.length ? 'invalid' : 'queued';
  }

  /**
   * Builds a CareCommunication from the municipality, checks it against the profiles
   * and stores it in the ledger for sending (the CPR replaced by a placeholder). An
   * invalid one is stored as `invalid` (not sent, case flagged) or, with `invalid: 'refuse'`,
   * not stored at all. `skipped`: the municipality has no MedCom address, or the case no citizen.
   */
  async queue(
    m: EntityManager,
    q: {
      municipalityId: string;
      referralId: string;
      kind: MessageKind;
      category: keyof typeof CATEGORIES;
      topic: string | null;
      to: Organisation;
      text: string;
      role: string;
      previous?: string;
      dedupeKey: string | null;
      /** What the referrer channel's decision must still allow at each send. */
      sendRule: SendRule;
      invalid: 'store' | 'refuse';
    },
  ): Promise<'skipped' | { id: string | null; problems: Problem[] }> {
    const us = await this.municipalities.medcomIdentity(m, q.municipalityId);
    if (!us.sor || !us.gln) return 'skipped';
    const patient = await this.referrals.patientOfCase(q.municipalityId, q.referralId, m);
    if (!patient) return 'skipped';
    const from = { name: us.name, sor: us.sor, gln: us.gln };
    const { bundle, headerId } = careCommunication({
      kind: q.kind,
      category: q.category,
      topic: q.topic,
      from,
      to: q.to,
      patient,
      text: q.text,
      author: { name: us.name ?? 'Kommunen', role: q.role },
      authorContact: `${us.name ?? ''} (SOR ${us.sor})`,
      at: this.clock.now(),
      ...(q.previous ? { previous: q.previous } : {}),
    });
    const { problems } = readCareCommunication(bundle, { narrative: true });
    if (problems.length && q.invalid === 'refuse') return { id: null, problems };
    const stored = stripCpr(bundle, patient.cpr);
    const segments = [{ text: q.text, author: us.name, authorContact: null, date: this.clock.now().toISOString() }];
    const id = await this.repository.insert(m, {
      municipalityId: q.municipalityId,
      direction: 'out',
      event: 'care-communication',
      headerId,
      contentHash: createHash('sha256').update(JSON.stringify(stored)).digest('hex'),
      version: '5.0',
      referralId: q.referralId,
      kind: q.kind,
      category: q.category,
      topic: q.topic,
      sender: from,
      recipient: q.to,
      segments,
      bundle: stored,
      deliveryStatus: problems.length ? 'invalid' : 'pending',
      lastError: problems.length
        ? problems
            .map((p) => `${p.path}: ${p.message}`)
            .join('; ')
            .slice(0, 2000)
        : null,
      dedupeKey: q.dedupeKey,
      sendRule: q.sendRule,
    });
    if (id && problems.length) {
      this.logger.warn(
        { referralId: q.referralId, problems: problems.map((p) => p.path) },
        'MedCom message invalid: not sent, case flagged',
      );
    }
    return { id, problems };
  }

  /** `medcom.sweep` (periodic): one attempt for each message due; the CPR is put back into a CareCommunication only for the send. */
  @OnJob('medcom.sweep')
  async sweep(): Promise<{ sent: number; failed: number }> {
    return this.deliverDue();
  }

  async deliverDue(limit = 200): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    await this.repository.transaction(async (m) => {
      for (const row of await this.repository.due(m, limit)) {
        const outcome = await this.attempt(m, row);
        if (outcome.status === 'withheld') {
          await this.repository.withheld(m, row.id, outcome.error);
          this.logger.log({ messageId: row.id, referralId: row.referralId, reason: outcome.error }, 'MedCom message withheld at send time');
          continue;
        }
        await this.repository.attempted(m, row.id, outcome);
        if (outcome.status === 'failed') failed++;
        else sent++;
        if (outcome.answer)
          await this.repository.acknowledge(m, row.municipalityId, outcome.answer.answers, outcome.answer.code, outcome.answer.detail);
      }
    });
    return { sent, failed };
  }

  private async attempt(m: EntityManager, row: DueMessage) {
    const care = row.event === 'care-communication';
    // Every send, the first and each resend, asks the referrer channel's decision again (ADR 0038).
    if (care && row.referralId) {
      const withheld = await this.withheld(m, row, row.referralId);
      if (withheld) return { status: 'withheld' as const, nextInMs: null, error: withheld, answer: null };
    }
    // Sent as often as allowed and never acknowledged: failed, and the case flagged.
    if (care && row.attempts >= this.config.MEDCOM_MAX_SENDS) {
      this.logger.warn(
        { messageId: row.id, referralId: row.referralId, sends: row.attempts },
        'MedCom message never acknowledged: case flagged',
      );
      return { status: 'failed' as const, nextInMs: null, error: 'no_acknowledgement', answer: null };
    }
    let bundle: unknown = row.bundle;
    if (care && row.referralId) {
      const patient = await this.referrals.patientOfCase(row.municipalityId, row.referralId, m);
      if (!patient) return { status: 'withheld' as const, nextInMs: null, error: 'erased' as const, answer: null };
      bundle = JSON.parse(JSON.stringify(row.bundle).replace(JSON.stringify(CPR_SLOT), JSON.stringify(patient.cpr)));
    }
    const result = await this.transport.send(row.headerId, bundle);
    if (!result.ok) {
      if (result.permanent) return { status: 'failed' as const, nextInMs: null, error: result.error, answer: null };
      return { status: 'pending' as const, nextInMs: this.config.MEDCOM_RESEND_MS, error: result.error, answer: null };
    }
    // An Acknowledgement is not acknowledged: delivered is done. A CareCommunication waits for its Acknowledgement.
    const answer = care ? readAcknowledgement(result.answer) : null;
    if (!care) return { status: 'delivered' as const, nextInMs: null, error: null, answer: null };
    return {
      status: 'delivered' as const,
      nextInMs: this.config.MEDCOM_RESEND_MS,
      error: null,
      answer: answer?.answers === row.headerId ? answer : null,
    };
  }

  /** Why a queued CareCommunication may no longer go to its clinic; null: it may. One without a rule is not sent. */
  private async withheld(m: EntityManager, row: DueMessage, referralId: string): Promise<WithheldReason | null> {
    if (!row.sendRule) return 'not_disclosed';
    const { organisation, milestone, summary } = row.sendRule;
    return this.feedback.stillDisclosed(row.municipalityId, referralId, { organisation }, { milestone, summary }, m);
  }
}

/** The Bundle with the Patient's CPR replaced by a placeholder. */
function stripCpr(bundle: Record<string, unknown>, cpr: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(bundle).split(JSON.stringify(cpr)).join(JSON.stringify(CPR_SLOT))) as Record<string, unknown>;
}
