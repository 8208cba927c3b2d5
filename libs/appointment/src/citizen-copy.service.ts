import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@bro/audit';
import { type Actor, MunicipalityFacts, UsersService } from '@bro/auth';
import { CaseworkService } from '@bro/casework';
import { DirectoryService, PeopleService } from '@bro/directory';
import { MatchingService } from '@bro/matching';
import { NotFoundError } from '@bro/platform';
import { CaseService, ReferralViewsService } from '@bro/referral';
import { DataSource, EntityManager } from 'typeorm';
import { AppointmentsService } from './appointments.service';
import { firstName } from './reminder-text';

/**
 * "Min samtale og min plan" — the citizen's own copy (issue 17): what they said matters,
 * their dreams and wishes, what they want to try, the goals, each step with date, offer,
 * place, host's first name and whether a følgeven goes along, the next appointment, and
 * whom to call. Built from an allow-list: no CPR, no notes, no scores, no reasons.
 */
export interface CitizenCopy {
  title: 'Min samtale og min plan';
  citizenName: string | null;
  timeZone: string;
  whatMatters: string | null;
  wishes: string | null;
  wantToTry: string | null;
  goals: string[];
  steps: {
    description: string;
    dueAt: string | null;
    offer: string | null;
    place: string | null;
    host: string | null;
    companion: boolean;
    /** The følgeven's first name, when the step names one of Bro's følgevenner. */
    companionName: string | null;
  }[];
  nextAppointment: { startsAt: Date; endsAt: Date; place: string; kind: string } | null;
  brobygger: { name: string; workPhone: string | null } | null;
}

interface StepRow {
  description?: string;
  offerId?: string;
  dueAt?: string;
  host?: string;
  hostId?: string;
  companionId?: string;
  companion?: boolean;
  offer?: { name: string };
}

@Injectable()
export class CitizenCopyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly views: ReferralViewsService,
    private readonly cases: CaseService,
    private readonly casework: CaseworkService,
    private readonly directory: DirectoryService,
    private readonly people: PeopleService,
    private readonly matching: MatchingService,
    private readonly appointments: AppointmentsService,
    private readonly users: UsersService,
    private readonly municipalities: MunicipalityFacts,
    private readonly audit: AuditService,
  ) {}

  /** The names of the hosts and følgevenner the steps name, by id (a removed host or an inactive følgeven: none). */
  private async peopleOf(m: EntityManager, municipalityId: string, steps: StepRow[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const s of steps) {
      const host = s.hostId ? await this.people.host(m, municipalityId, s.hostId) : null;
      if (host) names.set(host.id, host.name);
      const companion = s.companionId ? await this.people.activeCompanion(m, municipalityId, s.companionId) : null;
      if (companion) names.set(companion.id, companion.name);
    }
    return names;
  }

  /** For the case's holder and coordinators: the policy must disclose the case's words to them (else 404). */
  async copy(actor: Actor, referralId: string): Promise<CitizenCopy> {
    const disclosure = (await this.views.disclosures(actor, [referralId])).get(referralId);
    if (!disclosure || disclosure.kind !== 'full' || !disclosure.notes || disclosure.reasonRequired)
      throw new NotFoundError('Referral not found');
    const municipalityId = actor.municipalityId;
    const sections = (await this.casework.sections({ municipalityId, referralId, disclosure })) as {
      conversations: { whatMatters?: string | null; wishes?: string | null; wantToTry?: string | null }[];
      plan: { goals?: string[]; steps: StepRow[] } | null;
    };
    const latest = (key: 'whatMatters' | 'wishes' | 'wantToTry') =>
      [...sections.conversations].reverse().find((c) => c[key])?.[key] ?? null;
    const steps = sections.plan?.steps ?? [];
    return this.dataSource.transaction(async (m) => {
      const citizen = await this.cases.citizenContact(m, municipalityId, referralId);
      const holder = await this.cases.followUpFacts(m, municipalityId, referralId);
      const places = await this.directory.offerPlaces(
        m,
        municipalityId,
        steps.map((s) => s.offerId).filter((id): id is string => !!id),
      );
      const people = await this.peopleOf(m, municipalityId, steps);
      const next = await this.appointments.nextOfCase(municipalityId, referralId, m);
      const assigneeId = holder?.assigneeId ?? null;
      const brobyggerUserId =
        next?.brobyggerUserId ??
        (assigneeId ? (await this.matching.brobyggerRefs(municipalityId, [assigneeId], m)).get(assigneeId)?.userId : null);
      const card = brobyggerUserId ? await this.users.staffCard(municipalityId, brobyggerUserId, m) : null;
      await this.audit.record(m, actor, [{ action: 'referral.citizen-copy', referralId, purpose: 'print' }]);
      return {
        title: 'Min samtale og min plan' as const,
        citizenName: citizen?.name ?? null,
        timeZone: await this.municipalities.timeZone(m, municipalityId),
        whatMatters: latest('whatMatters'),
        wishes: latest('wishes'),
        wantToTry: latest('wantToTry'),
        goals: sections.plan?.goals ?? [],
        steps: steps.map((s) => ({
          description: s.description ?? '',
          dueAt: s.dueAt ?? null,
          offer: s.offer?.name ?? null,
          place: (s.offerId && places.get(s.offerId)) || null,
          // A host or følgeven of Bro's own gives their name from their record; a host typed on the step, as typed.
          host: firstName((s.hostId && people.get(s.hostId)) || s.host || null),
          companion: s.companion === true || !!s.companionId,
          companionName: firstName((s.companionId && people.get(s.companionId)) || null),
        })),
        nextAppointment: next
          ? {
              startsAt: next.startsAt,
              endsAt: next.endsAt,
              kind: next.kind,
              place: next.place.kind === 'home' ? 'Hjemme hos dig' : [next.place.name, next.place.address].filter(Boolean).join(', '),
            }
          : null,
        brobygger: card ? { name: card.displayName, workPhone: card.workPhone } : null,
      };
    });
  }
}
