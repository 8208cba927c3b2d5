import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@bro/audit';
import { type Actor, MunicipalityFacts, UsersService } from '@bro/auth';
import { CASEWORK_STATUSES } from '@bro/case-kernel';
import { CaseworkService } from '@bro/casework';
import { ConsentService, decideCitizenChannel } from '@bro/consent';
import { MatchingService } from '@bro/matching';
import { MessagesService, SendTimeChecks, WithheldReason } from '@bro/notification';
import {
  addToOutbox,
  BadInputError,
  Clock,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  OnJob,
  RuleViolationError,
  transactionWithRetry,
  WorkingDayCalendar,
} from '@bro/platform';
import { CaseService, LockedReferral } from '@bro/referral';
import { DataSource, EntityManager } from 'typeorm';
import { AppointmentRepository, AppointmentRow, PlaceRow } from './appointment.repository';
import { BookAppointmentDto, ListAppointmentsQuery, MoveAppointmentDto } from './dto/appointment.dto';
import { renderReminderLetter } from './render-citizen-copy';
import { danishTime, reminderText } from './reminder-text';
import { overlapping, reminderWindow, withinAbsence } from './rules';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far back a booking's start may lie (entered just after the call); more is a typing error. */
const PAST_SLACK_MS = 60 * MINUTE;
const MAX_LIST_DAYS = 62;

export interface AppointmentView {
  id: string;
  referralId: string;
  brobyggerUserId: string;
  kind: AppointmentRow['kind'];
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  place: { id: string | null; name: string; address: string | null; kind: 'venue' | 'home' | 'phone' | 'other' };
  status: AppointmentRow['status'];
  cancelReason: string | null;
  note: string | null;
  conversationId: string | null;
  /** How the citizen is reminded the day before: decided then (null until), by the disclosure policy. */
  reminder: 'sms' | 'letter' | null;
}

/**
 * Booked conversations (issue 17, ADR 0027). A booking is on the case's brobygger's
 * time: it may not overlap another of their appointments or touch a registered absence
 * (409 naming the clash). Booking reaches the citizen, as a recorded contact does: an
 * assigned case becomes contacted and its follow-ups are brought in line. A
 * conversation recorded with `appointmentId` marks the appointment held. The day
 * before, the reminder goes by SMS where the disclosure policy allows it, else as a
 * letter the brobygger prints.
 */
@Injectable()
export class AppointmentsService implements OnModuleInit {
  private readonly logger = new Logger(AppointmentsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AppointmentRepository,
    private readonly cases: CaseService,
    private readonly casework: CaseworkService,
    private readonly matching: MatchingService,
    private readonly consents: ConsentService,
    private readonly messages: MessagesService,
    private readonly checks: SendTimeChecks,
    private readonly municipalities: MunicipalityFacts,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.casework.onConversation((m, held) => this.held(m, held));
    this.cases.registerEraser(async (m, referralId) => {
      await this.repository.erase(m, referralId);
      await this.messages.eraseAddresses(m, referralId);
    });
    // A reminder SMS waiting for the gateway goes only while the citizen's SMS decision still holds (ADR 0038).
    this.checks.register('appointment_reminder', (m, message) => this.reminderStillAllowed(m, message));
  }

  /** At each send attempt: the appointment still booked at that time, and `decideCitizenChannel` still choosing SMS. */
  private async reminderStillAllowed(
    m: EntityManager,
    message: { municipalityId: string; referralId: string | null; body: Record<string, unknown> },
  ): Promise<WithheldReason | null> {
    if (!message.referralId) return 'missing';
    const { appointmentId, startsAt } = message.body;
    if (typeof appointmentId === 'string') {
      const a = await this.repository.get(message.municipalityId, appointmentId, m);
      if (!a || a.status !== 'booked' || a.startsAt.toISOString() !== startsAt) return 'revoked';
    }
    const consent = (await this.consents.stateOfReferrals(message.municipalityId, [message.referralId], m)).get(message.referralId);
    const citizen = await this.cases.citizenContact(m, message.municipalityId, message.referralId);
    if (!consent || !citizen) return 'erased';
    if (!consent.referral) return 'consent_withdrawn';
    const decision = decideCitizenChannel(consent, citizen);
    if (decision.channel === 'sms') return null;
    return decision.why === 'no_sms_consent' ? 'consent_withdrawn' : 'not_disclosed';
  }

  /** `POST /v1/referrals/:id/appointments` */
  async book(actor: Actor, referralId: string, dto: BookAppointmentDto): Promise<{ id: string }> {
    const startsAt = new Date(dto.startsAt);
    if (startsAt.getTime() < this.clock.now().getTime() - PAST_SLACK_MS)
      throw new RuleViolationError('startsAt must not be in the past: book appointments ahead', { field: 'startsAt' });
    const endsAt = new Date(startsAt.getTime() + dto.durationMinutes * MINUTE);
    const where = onePlace(dto);
    return transactionWithRetry(this.dataSource, async (m) => {
      const r = await this.cases.openForCasework(m, actor, referralId);
      if (!CASEWORK_STATUSES.includes(r.status))
        throw new ConflictError(`The referral is ${r.status}; appointments are booked on cases in progress`, { currentStatus: r.status });
      const brobyggerUserId = await this.holderOf(m, r);
      const placeId = await this.checkPlace(m, r.municipality_id, where.placeId);
      await this.checkClash(m, r.municipality_id, r.assignee_id!, brobyggerUserId, startsAt, endsAt, null);
      const id = await this.repository.insert(m, {
        municipalityId: r.municipality_id,
        referralId: r.id,
        brobyggerUserId,
        kind: dto.kind,
        startsAt,
        endsAt,
        placeId,
        placeText: where.placeText,
        note: dto.note ?? null,
        createdBy: actor.userId,
      });
      // A booking is made with the citizen: as a contact that reached them (ADR 0027).
      if (r.status === 'assigned') await this.cases.transition(m, actor, r, 'contacted');
      await this.cases.markReached(m, r);
      await addToOutbox(m, 'follow-up.sync', { referralId: r.id, municipalityId: r.municipality_id, requestId: actor.requestId, v: 1 });
      await this.audit.record(m, actor, [{ action: 'appointment.book', citizenId: r.citizen_id, referralId: r.id, purpose: dto.kind }]);
      return { id };
    });
  }

  /** `PATCH /v1/appointments/:id` — a new time, length or place; checked for clashes as a booking is. */
  async move(actor: Actor, id: string, dto: MoveAppointmentDto): Promise<AppointmentView> {
    if (dto.placeId !== undefined && dto.place !== undefined)
      throw new BadInputError('Give placeId or place, not both', { field: 'place' });
    return transactionWithRetry(this.dataSource, async (m) => {
      const { r, a } = await this.open(m, actor, id);
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : a.startsAt;
      if (dto.startsAt && startsAt.getTime() < this.clock.now().getTime() - PAST_SLACK_MS)
        throw new RuleViolationError('startsAt must not be in the past', { field: 'startsAt' });
      const duration = dto.durationMinutes ?? Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / MINUTE);
      const endsAt = new Date(startsAt.getTime() + duration * MINUTE);
      const placeId = dto.placeId !== undefined ? await this.checkPlace(m, r.municipality_id, dto.placeId) : dto.place ? null : a.placeId;
      const placeText = dto.placeId !== undefined ? null : (dto.place ?? a.placeText);
      const brobygger = await this.matching.brobyggerOfUser(r.municipality_id, a.brobyggerUserId, m);
      if (brobygger) await this.checkClash(m, r.municipality_id, brobygger.id, a.brobyggerUserId, startsAt, endsAt, a.id);
      await this.repository.move(m, a.id, { startsAt, endsAt, placeId, placeText, note: dto.note ?? a.note });
      await this.audit.record(m, actor, [{ action: 'appointment.move', citizenId: r.citizen_id, referralId: r.id }]);
      return (await this.views([(await this.repository.lock(m, r.municipality_id, a.id))!], m))[0];
    });
  }

  /** `POST /v1/appointments/:id/cancel` */
  async cancel(actor: Actor, id: string, reason: string): Promise<AppointmentView> {
    return transactionWithRetry(this.dataSource, async (m) => {
      const { r, a } = await this.open(m, actor, id);
      await this.repository.cancel(m, a.id, reason);
      await this.audit.record(m, actor, [{ action: 'appointment.cancel', citizenId: r.citizen_id, referralId: r.id }]);
      return (await this.views([(await this.repository.lock(m, r.municipality_id, a.id))!], m))[0];
    });
  }

  /** `GET /v1/appointments/:id` — for the conversation form, pre-filled from it. */
  async get(actor: Actor, id: string): Promise<AppointmentView> {
    const a = await this.repository.get(actor.municipalityId, id);
    if (!a || !(actor.role === 'coordinator' || a.brobyggerUserId === actor.userId)) throw new NotFoundError('Appointment not found');
    return (await this.views([a]))[0];
  }

  /**
   * `GET /v1/appointments/:id/letter.pdf` — the reminder as a letter, for a citizen the
   * policy gave no SMS: the brobygger prints it and sends it (or hands it over).
   */
  async letter(actor: Actor, id: string): Promise<Buffer> {
    const a = await this.repository.get(actor.municipalityId, id);
    if (!a || !(actor.role === 'coordinator' || a.brobyggerUserId === actor.userId)) throw new NotFoundError('Appointment not found');
    const { citizen, timeZone } = await this.dataSource.transaction(async (m) => ({
      citizen: await this.cases.citizenContact(m, a.municipalityId, a.referralId),
      timeZone: await this.municipalities.timeZone(m, a.municipalityId),
    }));
    const card = await this.users.staffCard(a.municipalityId, a.brobyggerUserId);
    await this.dataSource.transaction((m) => this.audit.record(m, actor, [{ action: 'appointment.letter', referralId: a.referralId }]));
    const place = placeOf(a);
    return renderReminderLetter({
      citizenName: citizen?.name ?? null,
      when: danishTime(a.startsAt, timeZone),
      place:
        place.kind === 'home'
          ? 'Hjemme hos dig'
          : place.kind === 'phone'
            ? 'Jeg ringer til dig'
            : [place.name, place.address].filter(Boolean).join(', '),
      brobygger: card?.displayName ?? null,
      phone: card?.workPhone ?? null,
    });
  }

  /** `GET /v1/appointments?from=&to=` — the brobygger's own; coordinators the municipality's, or one brobygger's. */
  async list(actor: Actor, q: ListAppointmentsQuery): Promise<{ items: (AppointmentView & { citizen: { name: string | null } })[] }> {
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (to <= from) throw new BadInputError('to must be after from', { field: 'to' });
    if (to.getTime() - from.getTime() > MAX_LIST_DAYS * DAY)
      throw new BadInputError(`At most ${MAX_LIST_DAYS} days at a time`, { field: 'to' });
    if (actor.role === 'brobygger' && q.brobyggerUserId && q.brobyggerUserId !== actor.userId)
      throw new ForbiddenError('A brobygger sees their own appointments');
    const whose = actor.role === 'coordinator' ? (q.brobyggerUserId ?? null) : actor.userId;
    const rows = await this.repository.list(actor.municipalityId, whose, from, to);
    const views = await this.views(rows);
    // Whom each row is about: the viewer holds these cases (or coordinates them).
    const names = await this.dataSource.transaction((m) =>
      Promise.all(rows.map((a) => this.cases.citizenContact(m, actor.municipalityId, a.referralId))),
    );
    return { items: views.map((v, i) => ({ ...v, citizen: { name: names[i]?.name ?? null } })) };
  }

  /** A case's appointments (the case page), for its holder or a coordinator. */
  async ofCase(actor: Actor, referralId: string): Promise<{ items: AppointmentView[] }> {
    await transactionWithRetry(this.dataSource, (m) => this.cases.openForCasework(m, actor, referralId));
    return { items: await this.views(await this.repository.ofCase(actor.municipalityId, referralId)) };
  }

  /** The next booked appointment of a case (the citizen's copy). */
  async nextOfCase(municipalityId: string, referralId: string, m?: EntityManager): Promise<AppointmentView | null> {
    const now = this.clock.now();
    const next = (await this.repository.ofCase(municipalityId, referralId, m)).find((a) => a.status === 'booked' && a.endsAt > now);
    return next ? (await this.views([next], m))[0] : null;
  }

  /** Appointments of a brobygger for the calendar feed: booked and held, a month back and half a year ahead. */
  async forFeed(municipalityId: string, userId: string): Promise<AppointmentRow[]> {
    const now = this.clock.now().getTime();
    const rows = await this.repository.list(municipalityId, userId, new Date(now - 31 * DAY), new Date(now + 183 * DAY), 5_000);
    return rows.filter((a) => a.status !== 'cancelled');
  }

  /**
   * `appointment.remind` (hourly on working days, ADR 0027): for each booked appointment
   * in today's reminder window (the days up to the next working day, in the
   * municipality's time zone) without a reminder for its current start, decides once —
   * SMS through the port where the disclosure policy allows it, else a letter for the
   * brobygger — and records it. Run twice, it sends nothing twice.
   */
  @OnJob('appointment.remind')
  async remind(): Promise<{ sms: number; letters: number }> {
    const now = this.clock.now();
    // Wide enough for any time zone's window (a Friday covers three days ahead).
    const due = await this.repository.unreminded(now, new Date(now.getTime() + 5 * DAY), 2_000);
    let sms = 0;
    let letters = 0;
    for (const { id, municipalityId } of due) {
      const sent = await transactionWithRetry(this.dataSource, async (m) => {
        const a = await this.repository.lock(m, municipalityId, id);
        if (!a || a.status !== 'booked') return null;
        const timeZone = await this.municipalities.timeZone(m, municipalityId);
        const window = reminderWindow(WorkingDayCalendar.for(timeZone), now);
        if (!window || a.startsAt < window.from || a.startsAt >= window.to) return null;
        const consent = (await this.consents.stateOfReferrals(municipalityId, [a.referralId], m)).get(a.referralId);
        const citizen = await this.cases.citizenContact(m, municipalityId, a.referralId);
        const decision = consent && citizen ? decideCitizenChannel(consent, citizen) : ({ channel: 'letter' } as const);
        if (!(await this.repository.claimReminder(m, a, decision.channel))) return null;
        if (decision.channel === 'sms') {
          const brobygger = await this.users.staffCard(municipalityId, a.brobyggerUserId, m);
          await this.messages.send(
            {
              municipalityId,
              // The policy chose SMS: only the phone is given, so the port sends an SMS.
              to: { phone: decision.phone },
              kind: 'appointment_reminder',
              referralId: a.referralId,
              text: reminderText(a, brobygger?.displayName ?? null, timeZone),
              dedupeKey: `appointment_reminder:${a.id}:${a.startsAt.toISOString()}`,
              // Ids and the time only: what the send-time check needs to see the appointment still stands.
              body: { appointmentId: a.id, startsAt: a.startsAt.toISOString() },
            },
            m,
          );
        }
        return decision.channel;
      });
      if (sent === 'sms') sms += 1;
      if (sent === 'letter') letters += 1;
    }
    if (sms || letters) this.logger.log({ sms, letters }, 'appointment reminders');
    return { sms, letters };
  }

  /** A conversation recorded with `appointmentId`: that appointment (of the same case, still booked) is now held. */
  private async held(
    m: EntityManager,
    h: { municipalityId: string; referralId: string; conversationId: string; appointmentId: string | null },
  ): Promise<void> {
    if (!h.appointmentId) return;
    const a = await this.repository.lock(m, h.municipalityId, h.appointmentId);
    if (!a || a.referralId !== h.referralId)
      throw new RuleViolationError('appointmentId names no appointment of this case', { field: 'appointmentId' });
    if (a.status !== 'booked') throw new ConflictError(`The appointment is ${a.status}`, { appointmentStatus: a.status });
    await this.repository.markHeld(m, a.id, h.conversationId);
  }

  /** Opens a booked appointment for a change by the case's holder or a coordinator (404 for anyone else). */
  private async open(m: EntityManager, actor: Actor, id: string): Promise<{ r: LockedReferral; a: AppointmentRow }> {
    const seen = await this.repository.get(actor.municipalityId, id, m);
    if (!seen) throw new NotFoundError('Appointment not found');
    // The case first, then the appointment: the order a conversation takes them in.
    const r = await this.cases.openForCasework(m, actor, seen.referralId);
    const a = (await this.repository.lock(m, actor.municipalityId, id))!;
    if (a.status !== 'booked') throw new ConflictError(`The appointment is ${a.status}`, { appointmentStatus: a.status });
    return { r, a };
  }

  private async holderOf(m: EntityManager, r: LockedReferral): Promise<string> {
    const holder = r.assignee_id
      ? (await this.matching.brobyggerRefs(r.municipality_id, [r.assignee_id], m)).get(r.assignee_id)
      : undefined;
    if (!holder) throw new ConflictError('The case has no brobygger to book for', { currentStatus: r.status });
    return holder.userId;
  }

  private async checkPlace(m: EntityManager, municipalityId: string, placeId: string | null): Promise<string | null> {
    if (!placeId) return null;
    const place = await this.repository.place(m, municipalityId, placeId);
    if (!place || !place.active) throw new RuleViolationError('placeId names no meeting place in use here', { field: 'placeId' });
    return place.id;
  }

  /** 409 naming the clash: another appointment of the brobygger's, or their registered absence. */
  private async checkClash(
    m: EntityManager,
    municipalityId: string,
    brobyggerId: string,
    brobyggerUserId: string,
    startsAt: Date,
    endsAt: Date,
    except: string | null,
  ): Promise<void> {
    // Locks the brobygger's row: bookings of one brobygger's time go one at a time.
    const absence = await this.matching.lockAbsence(m, municipalityId, brobyggerId);
    const timeZone = await this.municipalities.timeZone(m, municipalityId);
    if (absence && withinAbsence(WorkingDayCalendar.for(timeZone), absence, startsAt, endsAt))
      throw new ConflictError('The brobygger is registered absent then', {
        clash: { kind: 'absence', from: absence.from, to: absence.to },
      });
    const other = overlapping(await this.repository.bookedBetween(m, brobyggerUserId, startsAt, endsAt, except), startsAt, endsAt);
    if (other)
      throw new ConflictError('The brobygger has another appointment then', {
        clash: { kind: 'appointment', appointmentId: other.id, startsAt: other.startsAt.toISOString(), endsAt: other.endsAt.toISOString() },
      });
  }

  /** `m`: the caller's transaction, if it holds one (a read from the pool could wait for good). */
  private async views(rows: AppointmentRow[], m?: EntityManager): Promise<AppointmentView[]> {
    const reminders = await this.repository.reminders(
      rows.map((a) => a.id),
      m,
    );
    return rows.map((a) => ({
      id: a.id,
      referralId: a.referralId,
      brobyggerUserId: a.brobyggerUserId,
      kind: a.kind,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      durationMinutes: Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / MINUTE),
      place: placeOf(a),
      status: a.status,
      cancelReason: a.cancelReason,
      note: a.note,
      conversationId: a.conversationId,
      reminder: reminders.get(a.id) ?? null,
    }));
  }
}

export function placeOf(
  a: Pick<AppointmentRow, 'placeId' | 'placeName' | 'placeAddress' | 'placeKind' | 'placeText'>,
): AppointmentView['place'] {
  return a.placeId
    ? { id: a.placeId, name: a.placeName ?? '', address: a.placeAddress, kind: a.placeKind ?? 'venue' }
    : { id: null, name: a.placeText ?? '', address: null, kind: 'other' };
}

function onePlace(dto: { placeId?: string; place?: string }): { placeId: string | null; placeText: string | null } {
  if ((dto.placeId === undefined) === (dto.place === undefined))
    throw new BadInputError('Give exactly one of placeId (a meeting place) or place (another place)', { field: 'placeId' });
  return { placeId: dto.placeId ?? null, placeText: dto.place ?? null };
}

export type { PlaceRow };
