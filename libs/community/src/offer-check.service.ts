import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { firstName } from '@bro/consent';
import { PeopleService } from '@bro/directory';
import { MessagesService } from '@bro/notification';
import { AppConfig, Clock, GoneError, NotFoundError, OnJob, transactionWithRetry } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CommunityRepository, OfferCheckRow } from './community.repository';
import { OfferCheckAnswerDto } from './dto/community.dto';
import { isLinkTokenShape, linkTokenHash, newLinkToken } from './link-token';

const DAY_MS = 24 * 3_600_000;
/** A check unanswered this long flags its offer for the coordinators (issue 16). */
export const CHECK_FLAG_AFTER_MS = 14 * DAY_MS;
/** A check link works this long; the next check brings a new one. */
const CHECK_LINK_LIFETIME_MS = 60 * DAY_MS;
/** Offers checked per run: a large backlog is spread over days rather than mailed at once. */
const CHECKS_PER_RUN = 500;

/**
 * A directory that keeps itself fresh (issue 16): every offer with a host gets a check
 * link every `offerCheckMonths`. The host confirms it runs (with free places and
 * schedule) — verified now — or says it does not, which pauses it. A check not
 * answered within 14 days flags the offer for the coordinators.
 */
@Injectable()
export class OfferCheckService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CommunityRepository,
    private readonly people: PeopleService,
    private readonly messages: MessagesService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** `community.offer-checks` (daily): mail the checks that are due, flag those left unanswered. */
  @OnJob('community.offer-checks')
  async run(): Promise<{ sent: number; flagged: number }> {
    const now = this.clock.now();
    const due = await this.repository.offersDueForCheck(now, CHECKS_PER_RUN);
    let sent = 0;
    for (const d of due) if (await this.dataSource.transaction((m) => this.sendCheck(m, d, now))) sent += 1;
    const flagged = await this.dataSource.transaction(async (m) => {
      const rows = await this.repository.flagUnanswered(m, new Date(now.getTime() - CHECK_FLAG_AFTER_MS), now);
      await this.people.flagCheckOverdue(m, [...new Set(rows.map((r) => r.offerId))]);
      return rows.length;
    });
    return { sent, flagged };
  }

  private async sendCheck(m: EntityManager, d: { offerId: string; municipalityId: string; hostId: string }, now: Date): Promise<boolean> {
    const [host, offer] = [
      await this.people.host(m, d.municipalityId, d.hostId),
      await this.people.offerFacts(m, d.municipalityId, d.offerId),
    ];
    if (!host || !offer) return false;
    const { token, hash } = newLinkToken();
    const id = await this.repository.insertCheck(m, { ...d, tokenHash: hash, sentAt: now });
    const link = `${this.config.PUBLIC_WEB_URL.replace(/\/$/, '')}/tjek/${token}`;
    await this.messages.send(
      {
        municipalityId: d.municipalityId,
        to: { email: host.email, phone: host.phone, label: `vært i ${offer.organisationName}` },
        kind: 'offer_check',
        subject: `Kører ${offer.name} stadig?`,
        body: { offerCheckId: id, offerId: offer.id },
        text: [
          `Hej ${firstName(host.name) ?? ''}`,
          '',
          `Kommunen viser ${offer.name} til borgere, der gerne vil være med i et fællesskab.`,
          'Vil du bekræfte, at tilbuddet stadig kører, og hvor mange der kan komme? Det tager et minut:',
          '',
          '{link}',
          '',
          'Hvis vi ikke hører fra jer inden 14 dage, beder vi en medarbejder om at kontakte jer.',
          '',
          'Venlig hilsen',
          'Bro – social henvisning i kommunen',
        ].join('\n'),
        smsText: `Hej ${firstName(host.name) ?? ''}. Kører ${offer.name} stadig, og hvor mange kan komme? Svar på et minut: {link} Venlig hilsen Bro, kommunen`,
        link,
        dedupeKey: `offer-check:${id}`,
      },
      m,
    );
    return true;
  }

  /** `GET /v1/offer-check/:token` (no login): the offer as the directory shows it now. */
  async get(token: string) {
    return this.dataSource.transaction(async (m) => {
      const check = await this.live(m, token, false);
      return this.view(m, check);
    });
  }

  /** `POST /v1/offer-check/:token` (no login): confirmed (verified now) or not running (paused). */
  async answer(token: string, dto: OfferCheckAnswerDto) {
    return transactionWithRetry(this.dataSource, async (m) => {
      const check = await this.live(m, token, true);
      const at = this.clock.now();
      await this.repository.answerCheck(m, check.id, {
        running: dto.running,
        freePlaces: dto.freePlaces ?? null,
        schedule: dto.schedule ?? null,
        note: dto.note ?? null,
        at,
      });
      await this.people.confirmOffer(m, check.municipalityId, check.offerId, {
        running: dto.running,
        freePlaces: dto.freePlaces,
        schedule: dto.schedule ?? null,
      });
      return this.view(m, { ...check, answeredAt: at, running: dto.running });
    });
  }

  private async live(m: EntityManager, token: string, lock: boolean): Promise<OfferCheckRow> {
    if (!isLinkTokenShape(token)) throw new NotFoundError('Link not found');
    const check = await this.repository.checkByToken(m, linkTokenHash(token), lock);
    if (!check) throw new NotFoundError('Link not found');
    if (check.sentAt.getTime() + CHECK_LINK_LIFETIME_MS <= this.clock.now().getTime())
      throw new GoneError('This link has expired. The municipality will send a new one at the next check.');
    return check;
  }

  private async view(m: EntityManager, check: OfferCheckRow) {
    const offer = await this.people.offerFacts(m, check.municipalityId, check.offerId);
    if (!offer) throw new GoneError('The offer is no longer in the directory');
    return {
      offer: {
        name: offer.name,
        organisation: offer.organisationName,
        schedule: offer.schedule,
        freePlaces: offer.freePlaces,
        status: offer.status,
      },
      sentAt: check.sentAt,
      answeredAt: check.answeredAt,
      running: check.running,
    };
  }
}
