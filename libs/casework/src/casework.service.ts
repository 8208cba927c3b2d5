import { CASEWORK_STATUSES, LIFECYCLE } from '@bro/case-kernel';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@bro/audit';
import { type Actor, MunicipalityFacts } from '@bro/auth';
import { DirectoryService, OfferSummary, PeopleService } from '@bro/directory';
import { addToOutbox, Clock, ConflictError, RuleViolationError, transactionWithRetry, WorkingDayCalendar } from '@bro/platform';
import type { DisclosedCase } from '@bro/consent';
import { CaseSections, CaseService, LockedReferral, ReferralViewsService } from '@bro/referral';
import { DataSource, EntityManager } from 'typeorm';
import { CaseworkRepository } from './casework.repository';
import { ContactAttemptDto, ConversationDto, OtherContactsDto, PlanDto, PlanStepDto, StepStatus } from './dto/casework.dto';
import { randomUUID } from 'node:crypto';
import { checkWheel, ucla3Score, who5Score } from './scoring';

/**
 * Told of a conversation in its transaction (the appointments lib: a conversation held
 * at a booked appointment marks it held). It may refuse with a domain error.
 */
export type ConversationListener = (
  m: EntityManager,
  held: { municipalityId: string; referralId: string; conversationId: string; appointmentId: string | null },
) => Promise<void>;

/** After this many unanswered attempts, spread over at least this many working days: consider "unreachable". */
const UNREACHABLE_ATTEMPTS = 3;
const UNREACHABLE_WORKING_DAYS = 5;
/** How far past now a conversation's heldAt may lie. */
const HELD_AT_SLACK_MS = 24 * 3_600_000;

/**
 * The brobygger's daily work on a case: contact attempts, conversations with the
 * Samtalehjulet and scores, and the personal plan. Each command is one transaction on
 * a case opened for casework (the assigned brobygger or a coordinator; 404 for
 * others); status changes go through CaseService, so the transition table, the
 * history and the referrer milestones stay in one place.
 */
@Injectable()
export class CaseworkService implements CaseSections, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseService,
    private readonly views: ReferralViewsService,
    private readonly directory: DirectoryService,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
    private readonly repository: CaseworkRepository,
    private readonly municipalities: MunicipalityFacts,
    private readonly clock: Clock,
  ) {}

  private readonly conversationListeners: ConversationListener[] = [];

  onModuleInit(): void {
    this.views.registerSections(this);
    this.cases.registerEraser((m, referralId) => this.erase(m, referralId));
  }

  /** A module above casework (appointments) hears of each conversation recorded. */
  onConversation(listener: ConversationListener): void {
    this.conversationListeners.push(listener);
  }

  /** Erasure after a withdrawal: the citizen's words and notes go; dates, kinds and scores stay. */
  private async erase(m: EntityManager, referralId: string): Promise<void> {
    await this.repository.erase(m, referralId);
  }

  /** `POST /v1/referrals/:id/contact-attempts` */
  async contactAttempt(actor: Actor, referralId: string, dto: ContactAttemptDto) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.cases.openForCasework(m, actor, referralId);
      if (!(CASEWORK_STATUSES as readonly string[]).includes(r.status)) {
        throw new ConflictError(`The referral is ${r.status}; contact attempts are for assigned cases`, { currentStatus: r.status });
      }
      const now = this.clock.now();
      const attemptedAt = dto.attemptedAt ? new Date(dto.attemptedAt) : now;
      if (attemptedAt.getTime() > now.getTime() + 60_000)
        throw new RuleViolationError('attemptedAt may not be in the future', { field: 'attemptedAt', code: 'in_future' });
      const attemptId = await this.repository.insertContactAttempt(m, {
        municipalityId: r.municipality_id,
        referralId: r.id,
        outcome: dto.outcome,
        channel: dto.channel ?? 'phone',
        note: dto.note ?? null,
        attemptedAt,
        actorId: actor.userId,
      });

      let considerUnreachable = false;
      if (dto.outcome === 'reached') {
        if (r.status === 'assigned') await this.cases.transition(m, actor, r, 'contacted');
        await this.cases.markReached(m, r);
      } else if (dto.outcome === 'declined') {
        if (r.status !== 'assigned' && r.status !== 'contacted') {
          throw new ConflictError(
            `The referral is ${r.status} and the citizen has had a conversation: close it with outcome "declined" instead`,
            {
              currentStatus: r.status,
            },
          );
        }
        await this.cases.cancel(m, actor, r, 'declined');
      } else {
        considerUnreachable = await this.flagIfUnreachable(m, r);
      }
      await this.audit.record(m, actor, [
        { action: 'referral.contact-attempt', citizenId: r.citizen_id, referralId: r.id, purpose: dto.outcome },
      ]);
      return { id: attemptId, outcome: dto.outcome, status: r.status, considerUnreachable };
    });
  }

  /** `POST /v1/referrals/:id/conversations` — the first one makes the case active. */
  async conversation(actor: Actor, referralId: string, dto: ConversationDto) {
    // A conversation is recorded once held; a day of slack covers clocks and time zones, more is a typing error.
    if (new Date(dto.heldAt).getTime() > this.clock.now().getTime() + HELD_AT_SLACK_MS)
      throw new RuleViolationError('heldAt must not be more than a day from now: record a conversation once it is held', {
        field: 'heldAt',
        code: 'in_future',
      });
    const wheel = dto.wheel ? checkWheel(dto.wheel) : null;
    const who5 = dto.who5 ? who5Score(dto.who5) : null;
    const ucla3 = dto.ucla3 ? ucla3Score(dto.ucla3) : null;
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.cases.openForCasework(m, actor, referralId);
      if (dto.kind === 'first') {
        if (r.status !== 'contacted') {
          throw new ConflictError(`The referral is ${r.status}; a first conversation follows first contact`, { currentStatus: r.status });
        }
        await this.cases.transition(m, actor, r, 'active');
      } else if (r.status !== 'active' && r.status !== 'on_hold') {
        throw new ConflictError(`The referral is ${r.status}; follow-up conversations come after the first`, { currentStatus: r.status });
      }
      const conversationId = await this.repository.insertConversation(m, [
        r.municipality_id,
        r.id,
        dto.kind,
        new Date(dto.heldAt),
        dto.durationMinutes,
        dto.location,
        wheel ? JSON.stringify(wheel) : null,
        dto.notes ?? null,
        dto.whatMatters ?? null,
        dto.wishes ?? null,
        dto.wantToTry ?? null,
        dto.who5 ?? null,
        who5,
        dto.ucla3 ?? null,
        ucla3,
        actor.userId,
      ]);
      for (const listener of this.conversationListeners) {
        await listener(m, {
          municipalityId: r.municipality_id,
          referralId: r.id,
          conversationId,
          appointmentId: dto.appointmentId ?? null,
        });
      }
      await addToOutbox(m, 'follow-up.sync', { referralId: r.id, municipalityId: r.municipality_id, requestId: actor.requestId, v: 1 });
      await this.audit.record(m, actor, [
        { action: 'referral.conversation', citizenId: r.citizen_id, referralId: r.id, purpose: dto.kind },
      ]);
      return { id: conversationId, kind: dto.kind, status: r.status, who5Score: who5, ucla3Score: ucla3 };
    });
  }

  /** `PUT /v1/referrals/:id/plan` — replaces the plan; every version is kept. */
  async putPlan(actor: Actor, referralId: string, dto: PlanDto) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.cases.openForCasework(m, actor, referralId);
      if (LIFECYCLE[r.status].closed) {
        throw new ConflictError(`The referral is ${r.status}; its plan can no longer change`, { currentStatus: r.status });
      }
      const offerIds = [...new Set(dto.steps.map((s) => s.offerId).filter((id): id is string => !!id))];
      const offers = await this.directory.offerSummaries(m, r.municipality_id, offerIds);
      const unknown = offerIds.filter((id) => !offers.has(id));
      if (unknown.length)
        throw new RuleViolationError('steps[].offerId names an offer that does not exist in this municipality', {
          field: 'steps.offerId',
          code: 'unknown_reference',
          offerIds: unknown,
        });

      const steps = await this.stepsWithIds(m, r.municipality_id, r.id, dto.steps);
      await this.repository.putPlan(m, {
        municipalityId: r.municipality_id,
        referralId: r.id,
        goals: dto.goals,
        steps,
        actorId: actor.userId,
      });
      await this.audit.record(m, actor, [{ action: 'referral.plan', citizenId: r.citizen_id, referralId: r.id }]);
      // The writer gets back what they just wrote (only the case's holder or a coordinator gets here).
      return (await this.read(m, r.municipality_id, r.id, 'with_free_text')).plan;
    });
  }

  /**
   * Steps keep their ids across versions (hand-offs name them): a step sent back with
   * its id keeps it, a new one gets one. An id that is not a step of the current plan,
   * or twice in one plan, is a 422; a host must be a host of the step's offer, a
   * følgeven an active one of the municipality.
   */
  private async stepsWithIds(m: EntityManager, municipalityId: string, referralId: string, steps: PlanStepDto[]): Promise<StoredStep[]> {
    const current = new Set(((await this.repository.currentSteps<StoredStep>(m, municipalityId, referralId)) ?? []).map((s) => s.id));
    const seen = new Set<string>();
    const stored: StoredStep[] = [];
    for (const [i, s] of steps.entries()) {
      if (s.id !== undefined && (!current.has(s.id) || seen.has(s.id)))
        throw new RuleViolationError(`steps[${i}].id is not a step of the current plan (leave it out for a new step)`, {
          field: `steps.${i}.id`,
        });
      if (s.hostId !== undefined && !(s.offerId && (await this.people.hostOfOffer(m, municipalityId, s.offerId, s.hostId))))
        throw new RuleViolationError(`steps[${i}].hostId is not a host of the step’s offer`, { field: `steps.${i}.hostId` });
      if (s.companionId !== undefined && !(await this.people.activeCompanion(m, municipalityId, s.companionId)))
        throw new RuleViolationError(`steps[${i}].companionId is not an active følgeven of this municipality`, {
          field: `steps.${i}.companionId`,
        });
      const id = s.id ?? randomUUID();
      seen.add(id);
      stored.push({ ...s, id, status: s.status ?? 'planned' });
    }
    return stored;
  }

  /** One step of the case's current plan, for a hand-off of it (null if there is none with that id). */
  async planStep(m: EntityManager, municipalityId: string, referralId: string, stepId: string): Promise<StoredStep | null> {
    const steps = await this.repository.currentSteps<StoredStep>(m, municipalityId, referralId, true);
    return steps?.find((s) => s.id === stepId) ?? null;
  }

  /** A step's status follows a hand-off (sent: the first visit is booked; answered: attended, continuing …). */
  async setStepStatus(m: EntityManager, municipalityId: string, referralId: string, stepId: string, status: StepStatus): Promise<void> {
    await this.repository.setStepStatus(m, municipalityId, referralId, stepId, status);
  }

  /** What follow-ups hang on: when the first conversation was held, and whether a later one has been. */
  async conversationFacts(
    m: EntityManager,
    referralId: string,
  ): Promise<{ firstHeldAt: Date | null; laterConversations: number; lastScoredAt: Date | null }> {
    return this.repository.conversationFacts(m, referralId);
  }

  /** `PUT /v1/referrals/:id/contacts` — the citizen's other municipal contacts and who holds the ongoing contact. */
  async setContacts(actor: Actor, referralId: string, dto: OtherContactsDto) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.cases.openForCasework(m, actor, referralId);
      await this.cases.setContacts(m, r, dto.otherContacts, dto.responsibleContact ?? null);
      await this.audit.record(m, actor, [{ action: 'referral.contacts', citizenId: r.citizen_id, referralId: r.id }]);
      return { otherContacts: dto.otherContacts, responsibleContact: dto.responsibleContact ?? null };
    });
  }

  /**
   * The casework parts of the full case view, as the policy disclosed the case. Without
   * `notes` every free text goes — attempt notes, conversation notes and "Min samtale",
   * the place of a conversation, the plan's goals, step wording and hosts — and the
   * structure stays: dates, kinds, outcomes, scores, offers, step status.
   */
  sections({ municipalityId, referralId, disclosure }: DisclosedCase): Promise<Record<string, unknown>> {
    return this.read(this.dataSource.manager, municipalityId, referralId, disclosure.notes ? 'with_free_text' : 'structure_only');
  }

  private async read(
    m: EntityManager,
    municipalityId: string,
    referralId: string,
    cut: 'with_free_text' | 'structure_only',
  ): Promise<Record<string, unknown>> {
    const notes = cut === 'with_free_text';
    const { attempts, conversations, plans, revisions } = await this.repository.caseworkOf<
      AttemptRow,
      ConversationRow,
      PlanRow,
      RevisionRow
    >(m, municipalityId, referralId);
    const scored = conversations.filter((c) => c.who5_score !== null || c.ucla3_score !== null);
    const measure = (c?: ConversationRow) => (c ? { at: c.held_at, who5Score: c.who5_score, ucla3Score: c.ucla3_score } : null);
    const baseline = measure(scored[0]);
    const latest = measure(scored[scored.length - 1]);
    const plan: PlanRow | undefined = plans[0];
    const offers = plan
      ? await this.directory.offerSummaries(
          m,
          municipalityId,
          plan.steps.map((s) => s.offerId).filter((id): id is string => !!id),
        )
      : new Map<string, OfferSummary>();

    return {
      contactAttempts: attempts.map((a) => ({
        outcome: a.outcome,
        channel: a.channel,
        attemptedAt: a.attempted_at,
        ...(notes ? { note: a.note } : {}),
      })),
      conversations: conversations.map((c) => ({
        id: c.id,
        kind: c.kind,
        heldAt: c.held_at,
        durationMinutes: c.duration_minutes,
        // Often the citizen's home: free text, and an address.
        ...(notes ? { location: c.location } : {}),
        wheel: c.wheel,
        who5: c.who5,
        who5Score: c.who5_score,
        ucla3: c.ucla3,
        ucla3Score: c.ucla3_score,
        ...(notes ? { notes: c.notes, whatMatters: c.what_matters, wishes: c.wishes, wantToTry: c.want_to_try } : {}),
      })),
      outcomes: {
        baseline,
        latest,
        change:
          baseline && latest && scored.length > 1
            ? {
                who5: baseline.who5Score !== null && latest.who5Score !== null ? latest.who5Score - baseline.who5Score : null,
                ucla3: baseline.ucla3Score !== null && latest.ucla3Score !== null ? latest.ucla3Score - baseline.ucla3Score : null,
              }
            : null,
      },
      plan: plan
        ? {
            ...(notes ? { goals: plan.goals } : {}),
            version: plan.version,
            updatedAt: plan.updated_at,
            updatedBy: plan.updated_by,
            steps: plan.steps.map((stored) => {
              const offer = stored.offerId ? offers.get(stored.offerId) : undefined;
              // An allow-list, so a free-text field added to steps later stays out by default.
              const s = notes
                ? stored
                : pick(stored, ['id', 'offerId', 'hostId', 'companionId', 'dueAt', 'companion', 'transport', 'status']);
              return {
                ...s,
                ...(offer ? { offer: { ...offer, noFreePlaces: offer.freePlaces === 0, paused: offer.status === 'paused' } } : {}),
              };
            }),
            history: revisions.map((h) => ({
              version: h.version,
              changedBy: h.changed_by,
              changedAt: h.changed_at,
            })),
          }
        : null,
    };
  }

  /** Three unanswered attempts (since the citizen was last reached) over ≥ 5 working days flag the case. */
  private async flagIfUnreachable(m: EntityManager, r: LockedReferral): Promise<boolean> {
    const attempts = await this.repository.unansweredSinceReached(m, r.id);
    if (attempts.length < UNREACHABLE_ATTEMPTS) return false;
    const calendar = WorkingDayCalendar.for(await this.municipalities.timeZone(m, r.municipality_id));
    const spread = calendar.workingDaysBetween(attempts[0], attempts[attempts.length - 1]);
    if (spread < UNREACHABLE_WORKING_DAYS) return false;
    await this.cases.flagUnreachable(m, r);
    return true;
  }
}

interface AttemptRow {
  outcome: string;
  channel: string;
  note: string | null;
  attempted_at: Date;
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => k in value).map((k) => [k, value[k]])) as Partial<Pick<T, K>>;
}

/** A plan step as stored (ids from issue 16 on; older steps got theirs in the migration). */
export interface StoredStep {
  id: string;
  description?: string;
  offerId?: string;
  hostId?: string;
  companionId?: string;
  dueAt?: string;
  companion?: boolean;
  transport?: string;
  status?: string;
  host?: string;
}

interface PlanRow {
  goals: string[];
  steps: {
    id?: string;
    hostId?: string;
    companionId?: string;
    offerId?: string;
    dueAt?: string;
    companion?: boolean;
    transport?: string;
    status?: string;
    description?: string;
    host?: string;
  }[];
  version: number;
  updated_by: string;
  updated_at: Date;
}

interface RevisionRow {
  version: number;
  changed_by: string;
  changed_at: Date;
}

interface ConversationRow {
  id: string;
  kind: string;
  held_at: Date;
  duration_minutes: number;
  location: string;
  wheel: Record<string, number> | null;
  notes: string | null;
  what_matters: string | null;
  wishes: string | null;
  want_to_try: string | null;
  who5: number[] | null;
  who5_score: number | null;
  ucla3: number[] | null;
  ucla3_score: number | null;
}
