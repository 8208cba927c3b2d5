import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditActor, AuditService } from '@bro/audit';
import { HandoverAnswer, LIFECYCLE } from '@bro/case-kernel';
import type { Actor } from '@bro/auth';
import { CaseworkService, StepStatus } from '@bro/casework';
import { ConsentService, decideHandover, firstName, HandoverRecipient, handoverView, HandoverView } from '@bro/consent';
import { PeopleService, Recipient } from '@bro/directory';
import { FollowUpService } from '@bro/follow-up';
import { MatchingService } from '@bro/matching';
import { MessagesService, SendTimeChecks, WithheldReason } from '@bro/notification';
import {
  AppConfig,
  Clock,
  ConflictError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  Page,
  RuleViolationError,
  transactionWithRetry,
} from '@bro/platform';
import { CaseService, lockReferral, ReferralViewsService } from '@bro/referral';
import { DataSource, EntityManager } from 'typeorm';
import { AssociationFigures, CommunityRepository } from './community.repository';
import { HandoverAnswerDto, HandoverDto } from './dto/community.dto';
import { isLinkTokenShape, linkTokenHash, newLinkToken } from './link-token';

const DAY_MS = 24 * 3_600_000;
/** A link lives until this long after the first visit (issue 16). */
const EXPIRES_AFTER_VISIT_MS = 30 * DAY_MS;
/** How far in the past a first visit may be booked (a typing error beyond that). */
const FIRST_VISIT_SLACK_MS = DAY_MS;

/** The plan step's status after an answer. */
const STEP_STATUS_OF: Record<HandoverAnswer, StepStatus> = {
  attended: 'attended',
  continuing: 'continuing',
  did_not_attend: 'did_not_attend',
  cannot_receive: 'cannot_receive',
};

/** Answers the brobygger should act on the next working day. */
const NEEDS_FOLLOW_UP: ReadonlySet<HandoverAnswer> = new Set(['did_not_attend', 'cannot_receive']);

const ANSWER_DA: Record<HandoverAnswer, string> = {
  attended: 'mødte op',
  continuing: 'fortsætter',
  did_not_attend: 'mødte ikke op',
  cannot_receive: 'kan ikke tage imod',
};

/**
 * The hand-off (issue 16, ADR 0026): a brobygger hands a plan step to the offer's host
 * or a følgeven. They get a link by mail; the page behind it shows what the disclosure
 * policy allows (`handoverView`) and takes their answer, which moves the step, tells
 * the brobygger and, when the visit did not happen, puts a follow-up in their queue.
 *
 * The link is a bearer credential, so: 256 random bits, only its digest stored, one
 * purpose, an expiry, and alive only while the policy still allows the hand-off — every
 * open and answer asks it again, so withdrawing `share_with_host`, closing or erasing
 * the case ends the link at once (410). Closing and erasure also revoke the rows.
 */
@Injectable()
export class HandoverService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CommunityRepository,
    private readonly cases: CaseService,
    private readonly casework: CaseworkService,
    private readonly people: PeopleService,
    private readonly consents: ConsentService,
    private readonly messages: MessagesService,
    private readonly checks: SendTimeChecks,
    private readonly followUps: FollowUpService,
    private readonly matching: MatchingService,
    private readonly views: ReferralViewsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.cases.registerCloser((m, referralId) => this.revoke(m, referralId, 'case_closed', false));
    this.cases.registerEraser((m, referralId) => this.revoke(m, referralId, 'erased', true));
    // The hand-off's mail or SMS is sent only while the policy still allows the hand-off (ADR 0038).
    this.checks.register('handover', (m, message) =>
      typeof message.body.handoverId === 'string'
        ? this.stillAllowed(m, message.body.handoverId)
        : Promise.resolve('not_disclosed' as const),
    );
  }

  /** At each send attempt: the hand-off's own decision (`decideHandover`), asked again as opening its link does. */
  private async stillAllowed(m: EntityManager, handoverId: string): Promise<WithheldReason | null> {
    const h = await this.repository.handoverById(m, handoverId);
    if (!h) return 'missing';
    if (h.revokedAt) return 'revoked';
    const facts = await this.cases.followUpFacts(m, h.municipalityId, h.referralId);
    if (!facts || facts.erased) return 'erased';
    const consent = (await this.consents.stateOfReferrals(h.municipalityId, [h.referralId], m)).get(h.referralId)!;
    const decision = decideHandover(
      { shareWithHost: consent.shareWithHost, closed: facts.closed, restricted: facts.restricted },
      h.recipient,
    );
    if (decision.kind !== 'none') return null;
    return decision.why === 'share_with_host' ? 'consent_withdrawn' : decision.why;
  }

  private async revoke(m: EntityManager, referralId: string, reason: string, erase: boolean): Promise<void> {
    const ids = await this.repository.revokeOfCase(m, referralId, reason, this.clock.now(), erase);
    for (const id of ids) await this.messages.cancelLink(m, dedupeKeyOf(id));
  }

  /** `POST /v1/referrals/:id/plan/steps/:stepId/handover` */
  async send(actor: Actor, referralId: string, stepId: string, dto: HandoverDto): Promise<{ id: string; link: string; expiresAt: Date }> {
    const now = this.clock.now();
    const firstVisitAt = new Date(dto.firstVisitAt);
    if (firstVisitAt.getTime() < now.getTime() - FIRST_VISIT_SLACK_MS)
      throw new RuleViolationError('firstVisitAt is in the past: give the date and time of the first visit', { field: 'firstVisitAt' });
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.cases.openForCasework(m, actor, referralId);
      const step = await this.casework.planStep(m, r.municipality_id, r.id, stepId);
      if (!step) throw new NotFoundError('Plan step not found');
      const consent = (await this.consents.stateOfReferrals(r.municipality_id, [r.id], m)).get(r.id)!;
      const decision = decideHandover(
        { shareWithHost: consent.shareWithHost, closed: LIFECYCLE[r.status].closed, restricted: r.restricted_at !== null },
        dto.to,
      );
      if (decision.kind === 'none') {
        throw decision.why === 'share_with_host'
          ? new ConflictError('The citizen has not consented to share with a host or følgeven (share_with_host): nothing was sent', {
              missingConsent: 'share_with_host',
            })
          : new ConflictError(`The referral is ${r.status}: nothing can be handed on`, { currentStatus: r.status });
      }
      if (!step.offerId) throw new RuleViolationError('The step names no offer: choose one first', { field: 'offerId' });
      const offer = await this.people.offerFacts(m, r.municipality_id, step.offerId);
      if (!offer) throw new RuleViolationError('The step’s offer no longer exists', { field: 'offerId' });
      const recipient = await this.recipientOf(m, r.municipality_id, dto.to, step);

      const { token, hash } = newLinkToken();
      const expiresAt = new Date(firstVisitAt.getTime() + EXPIRES_AFTER_VISIT_MS);
      const id = await this.repository.insertHandover(m, {
        municipalityId: r.municipality_id,
        referralId: r.id,
        stepId,
        recipient: dto.to,
        hostId: dto.to === 'host' ? recipient.id : null,
        companionId: dto.to === 'companion' ? recipient.id : null,
        offerId: offer.id,
        organisationId: offer.organisationId,
        firstVisitAt,
        message: dto.message ?? null,
        expiresAt,
        tokenHash: hash,
        sentBy: actor.userId,
        now,
      });
      if (step.status === undefined || step.status === 'planned' || step.status === 'contacted_offer')
        await this.casework.setStepStatus(m, r.municipality_id, r.id, stepId, 'first_visit_booked');

      const link = `${this.config.PUBLIC_WEB_URL.replace(/\/$/, '')}/v/${token}`;
      const label = labelOf(dto.to, offer.organisationName);
      await this.messages.send(
        {
          municipalityId: r.municipality_id,
          // Mail if they have an e-mail, else SMS (ADR 0033).
          to: { email: recipient.email, phone: recipient.phone, label },
          kind: 'handover',
          referralId: r.id,
          subject: dto.to === 'host' ? `Ny deltager til ${offer.name}` : `Følgeskab til ${offer.name}`,
          // Ids only in the body; the text names the offer and the recipient, never the citizen.
          body: { handoverId: id },
          text: handoverMailText(recipient.name, dto.to, offer.name, expiresAt),
          smsText: handoverSmsText(recipient.name, dto.to, offer.name, expiresAt),
          link,
          dedupeKey: dedupeKeyOf(id),
          requestId: actor.requestId,
        },
        m,
      );
      await this.audit.record(m, actor, [{ action: 'handover.send', citizenId: r.citizen_id, referralId: r.id, purpose: label }]);
      return { id, link, expiresAt };
    });
  }

  /** `GET /v1/handover/:token` (no login): the page, as the policy lets the host or følgeven see it. */
  async open(token: string, requestId?: string): Promise<HandoverView> {
    return transactionWithRetry(this.dataSource, async (m) => {
      const live = await this.live(m, token, false);
      await this.repository.markOpened(m, live.h.id, this.clock.now());
      await this.audit.record(m, live.actor(requestId), [
        { action: 'handover.open', citizenId: live.citizenId, referralId: live.h.referralId, purpose: live.label },
      ]);
      return live.view;
    });
  }

  /** `POST /v1/handover/:token/answer` (no login): moves the step, tells the brobygger, and may add a follow-up. */
  async answer(token: string, dto: HandoverAnswerDto, requestId?: string): Promise<HandoverView> {
    return transactionWithRetry(this.dataSource, async (m) => {
      const live = await this.live(m, token, true);
      const { h } = live;
      const now = this.clock.now();
      await this.repository.answer(m, h.id, dto.answer, dto.note ?? null, now);
      await this.casework.setStepStatus(m, h.municipalityId, h.referralId, h.stepId, STEP_STATUS_OF[dto.answer]);
      const facts = (await this.cases.followUpFacts(m, h.municipalityId, h.referralId))!;
      if (NEEDS_FOLLOW_UP.has(dto.answer)) {
        await this.followUps.nextWorkingDay(
          m,
          { municipalityId: h.municipalityId, referralId: h.referralId, assigneeId: facts.assigneeId },
          `handover:${h.id}:${dto.answer}`,
          `Svar fra ${live.label}: ${ANSWER_DA[dto.answer]}`,
        );
      }
      const brobygger = facts.assigneeId
        ? (await this.matching.brobyggerRefs(h.municipalityId, [facts.assigneeId], m)).get(facts.assigneeId)
        : null;
      if (brobygger) {
        await this.messages.send(
          {
            municipalityId: h.municipalityId,
            recipientId: brobygger.userId,
            kind: 'handover_answer',
            referralId: h.referralId,
            subject: `Svar fra ${live.label}: ${ANSWER_DA[dto.answer]}`,
            body: { referralId: h.referralId, handoverId: h.id, stepId: h.stepId, answer: dto.answer },
            dedupeKey: `handover-answer:${h.id}:${dto.answer}`,
            requestId,
          },
          m,
        );
      }
      await this.audit.record(m, live.actor(requestId), [
        { action: 'handover.answer', citizenId: live.citizenId, referralId: h.referralId, purpose: live.label },
      ]);
      return { ...live.view, answer: dto.answer, answeredAt: now.toISOString() };
    });
  }

  /** `GET /v1/referrals/:id/handovers`: the case's hand-offs with their state (staff who may see the case). */
  async ofCase(actor: Actor, referralId: string): Promise<Page<unknown>> {
    const disclosure = (await this.views.disclosures(actor, [referralId])).get(referralId);
    // The case's holder and coordinators: hand-offs are casework, like the plan's wording (a brobygger of the area
    // looking at a waiting case sees its structure, not whom it was handed to).
    if (disclosure?.kind !== 'full' || !disclosure.notes) throw new NotFoundError('Referral not found');
    const now = this.clock.now();
    const rows = await this.repository.handoversOfCase(actor.municipalityId, referralId);
    const items = rows.map((h) => ({
      id: h.id,
      stepId: h.stepId,
      to: h.recipient,
      recipientName: h.recipientName,
      firstVisitAt: h.firstVisitAt,
      expiresAt: h.expiresAt,
      state: h.revokedAt ? 'revoked' : h.expiresAt <= now ? 'expired' : h.answer ? 'answered' : h.openedAt ? 'opened' : 'sent',
      openedAt: h.openedAt,
      answer: h.answer,
      answeredAt: h.answeredAt,
      answerNote: h.answerNote,
      message: h.message,
      sentAt: h.createdAt,
    }));
    return { items, total: items.length };
  }

  /** `GET /v1/community/figures` (coordinators): per association, where bridges hold and where they break. */
  async figures(actor: Actor): Promise<Page<AssociationFigures>> {
    if (actor.role !== 'coordinator') throw new ForbiddenError('Only coordinators see the figures');
    const items = await this.repository.figures(actor.municipalityId);
    return { items, total: items.length };
  }

  /**
   * The hand-off a token opens, if the policy still allows it: 404 for a token Bro never
   * made, 410 for one that was revoked, expired, or whose case or consent has ended.
   */
  private async live(m: EntityManager, token: string, forAnswer: boolean) {
    if (!isLinkTokenShape(token)) throw new NotFoundError('Link not found');
    const found = await this.repository.handoverByToken(m, linkTokenHash(token));
    if (!found) throw new NotFoundError('Link not found');
    // The case first, then the hand-off: the order closing takes them in.
    if (forAnswer) await lockReferral(m, found.municipalityId, found.referralId);
    const h = forAnswer ? (await this.repository.handoverByToken(m, linkTokenHash(token), true))! : found;
    const gone = () => new GoneError('This link is no longer valid. Contact the municipality if the citizen is still expected.');
    if (h.revokedAt || h.expiresAt.getTime() <= this.clock.now().getTime()) throw gone();
    const facts = await this.cases.followUpFacts(m, h.municipalityId, h.referralId);
    if (!facts || facts.erased) throw gone();
    const consent = (await this.consents.stateOfReferrals(h.municipalityId, [h.referralId], m)).get(h.referralId)!;
    const disclosure = decideHandover(
      { shareWithHost: consent.shareWithHost, closed: facts.closed, restricted: facts.restricted },
      h.recipient,
    );
    if (disclosure.kind === 'none') throw gone();

    const citizen = await this.cases.citizenOf(m, h.municipalityId, h.referralId);
    if (!citizen) throw gone();
    const offer = h.offerId ? await this.people.offerFacts(m, h.municipalityId, h.offerId) : null;
    const step = await this.casework.planStep(m, h.municipalityId, h.referralId, h.stepId);
    const companion = step?.companionId ? await this.people.activeCompanion(m, h.municipalityId, step.companionId) : null;
    const view = handoverView(
      {
        citizenName: citizen.name,
        offer: offer ? { name: offer.name, organisation: offer.organisationName } : null,
        firstVisitAt: h.firstVisitAt,
        place: offer ? placeOf(offer.location) : null,
        companionName: companion?.name ?? null,
        message: h.message,
        answer: h.answer,
        answeredAt: h.answeredAt,
        expiresAt: h.expiresAt,
      },
      disclosure,
    );
    const citizenId = citizen.citizenId;
    const label = labelOf(h.recipient, offer?.organisationName ?? null);
    const actor = (requestId?: string): AuditActor => ({ municipalityId: h.municipalityId, userId: null, role: h.recipient, requestId });
    return { h, view, label, citizenId, actor };
  }

  private async recipientOf(
    m: EntityManager,
    municipalityId: string,
    to: HandoverRecipient,
    step: { offerId?: string; hostId?: string; companionId?: string },
  ): Promise<Recipient> {
    if (to === 'host') {
      if (!step.hostId) throw new RuleViolationError('The step names no host: choose one of the offer’s hosts first', { field: 'hostId' });
      const host = await this.people.hostOfOffer(m, municipalityId, step.offerId!, step.hostId);
      if (!host) throw new RuleViolationError('The step’s host is no longer a host of the offer', { field: 'hostId' });
      return host;
    }
    if (!step.companionId) throw new RuleViolationError('The step names no følgeven: choose one first', { field: 'companionId' });
    const companion = await this.people.activeCompanion(m, municipalityId, step.companionId);
    if (!companion) throw new RuleViolationError('The step’s følgeven is no longer active', { field: 'companionId' });
    return companion;
  }
}

function dedupeKeyOf(handoverId: string): string {
  return `handover:${handoverId}`;
}

/** How the access log and the ledger name the recipient: "vært i <forening>" or "følgeven". */
function labelOf(recipient: HandoverRecipient, organisation: string | null): string {
  return recipient === 'host' ? `vært i ${organisation ?? 'foreningen'}` : 'følgeven';
}

function placeOf(location: { name?: string; street?: string; postcode?: string; city?: string } | null): string | null {
  if (!location) return null;
  const parts = [location.name, location.street, [location.postcode, location.city].filter(Boolean).join(' ')].filter((p) => p);
  return parts.length ? parts.join(', ') : null;
}

/** The mail: plain Danish, the link, and nothing about the citizen (the page shows what the policy allows). */
/**
 * The SMS to a host or følgeven with only a phone: the link and less than the page shows —
 * their own first name, the offer and when the link stops working; nothing about the
 * citizen (ADR 0033).
 */
export function handoverSmsText(name: string, to: HandoverRecipient, offer: string, expiresAt: Date): string {
  const what = to === 'host' ? `En ny deltager kommer til ${offer}.` : `En borger vil gerne have følgeskab til ${offer} første gang.`;
  return `Hej ${firstName(name) ?? ''}. ${what} Se tid og sted, og svar bagefter: {link} (personligt link, virker til ${expiresAt
    .toISOString()
    .slice(0, 10)}). Venlig hilsen Bro, kommunen`;
}

function handoverMailText(name: string, to: HandoverRecipient, offer: string, expiresAt: Date): string {
  const ask =
    to === 'host'
      ? `En ny deltager kommer til ${offer}. Kommunens brobygger har aftalt med deltageren, at du får besked.`
      : `En borger vil gerne have følgeskab til ${offer} første gang. Kommunens brobygger har aftalt med borgeren, at du får besked.`;
  return [
    `Hej ${firstName(name) ?? ''}`,
    '',
    ask,
    'Åbn linket for at se fornavn, tidspunkt og sted — og sig bagefter, hvordan det gik:',
    '',
    '{link}',
    '',
    `Linket er personligt. Send det ikke videre. Det virker til ${expiresAt.toISOString().slice(0, 10)}.`,
    '',
    'Venlig hilsen',
    'Bro – social henvisning i kommunen',
  ].join('\n');
}
