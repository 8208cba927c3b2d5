import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Actor, MunicipalityFacts, UsersService } from '@bro/auth';
import { calendarInitials } from '@bro/consent';
import { NotFoundError } from '@bro/platform';
import { CaseService } from '@bro/referral';
import ical, { ICalEventStatus } from 'ical-generator';
import { DataSource } from 'typeorm';
import { AppointmentRepository } from './appointment.repository';
import { AppointmentsService } from './appointments.service';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const KIND_LABEL = { first: 'Første samtale', follow_up: 'Opfølgende samtale', phone: 'Telefonsamtale' } as const;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The brobygger's calendar feed (issue 17, ADR 0027): a secret URL per brobygger that
 * Outlook and phones subscribe to. The token is 256 random bits, kept only as its
 * SHA-256 — the database alone cannot give the feed away — and a new one replaces the
 * old, whose feed is then 404. Events carry the time, the place and the citizen's
 * initials: calendars leave the municipality's systems. A place typed as free text may be
 * an address, so the feed says only "Andet sted"; "hjemme hos borgeren" says no address.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AppointmentRepository,
    private readonly appointments: AppointmentsService,
    private readonly cases: CaseService,
    private readonly users: UsersService,
    private readonly municipalities: MunicipalityFacts,
  ) {}

  /** `POST /v1/me/calendar-token`: a new token (the old feed stops); the caller builds the URL from the path. */
  async rotate(actor: Actor): Promise<{ path: string }> {
    const token = randomBytes(32).toString('base64url');
    await this.repository.setCalendarToken(actor.municipalityId, actor.userId, digest(token));
    return { path: `/v1/calendar/${token}.ics` };
  }

  /** `GET /v1/calendar/:token.ics` — 404 for an unknown, rotated or malformed token, or a deactivated user. */
  async feed(token: string): Promise<string> {
    if (!TOKEN.test(token)) throw new NotFoundError('No such calendar');
    const owner = await this.repository.calendarOwner(digest(token));
    const card = owner ? await this.users.staffCard(owner.municipalityId, owner.userId) : null;
    if (!owner || !card?.active) throw new NotFoundError('No such calendar');
    const rows = await this.appointments.forFeed(owner.municipalityId, owner.userId);
    const { timeZone, names } = await this.dataSource.transaction(async (m) => ({
      timeZone: await this.municipalities.timeZone(m, owner.municipalityId),
      names: await Promise.all(rows.map((a) => this.cases.citizenContact(m, owner.municipalityId, a.referralId))),
    }));
    const calendar = ical({
      name: 'Bro – aftaler',
      prodId: { company: 'Bro', product: 'aftaler', language: 'DA' },
      timezone: timeZone,
      ttl: 15 * 60,
    });
    rows.forEach((a, i) => {
      const location =
        a.placeKind === 'home'
          ? 'Hjemme hos borgeren'
          : a.placeId
            ? [a.placeName, a.placeAddress].filter(Boolean).join(', ')
            : 'Andet sted (se Bro)';
      calendar.createEvent({
        id: `${a.id}@bro`,
        start: a.startsAt,
        end: a.endsAt,
        summary: `${KIND_LABEL[a.kind]} – ${calendarInitials(names[i]?.name ?? null)}`,
        location,
        status: ICalEventStatus.CONFIRMED,
      });
    });
    return calendar.toString();
  }
}
