import { LIFECYCLE } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CaseRelations, ConsentService, decideDisclosure, referrerView } from '@bro/consent';
import { MessagesService } from '@bro/notification';
import { JobData, OnJob } from '@bro/platform';
import { DataSource, In } from 'typeorm';
import { LinkingViews } from './linking-views';
import { Referral, ReferralLink } from './referral.entity';
import { PublicReferralRepository } from './public-referral.repository';

const MILESTONE_TEXT: Record<JobData<'notification.referrer-milestone'>['milestone'], string> = {
  received: 'modtaget',
  assigned: 'tildelt en brobygger',
  contacted: 'borgeren er kontaktet',
  conversation_held: 'første samtale er holdt',
  closed: 'afsluttet',
};

export type FeedbackOutcome = 'sent' | 'already_sent' | 'not_disclosed' | 'consent_withdrawn' | 'erased' | 'missing';

/**
 * Tells referrers what their referral has reached — the referrer view, pushed. The
 * consent in force *when sending* decides, through the same policy and the same cut as
 * the REST view: a job queued before a withdrawal or a lowered feedback level sends
 * nothing. Each referrer is cut to the consent on their own referral or link (ADR
 * 0014): a later referrer's consent never opens the first one's. A referral another
 * clinic sent that was confirmed into this case hears of the case's milestones under
 * its own id; one still held as a possible duplicate hears nothing of the case.
 * Messages go through the message port, one per referral, referrer and milestone, so
 * a redelivered job sends nothing twice.
 */
@Injectable()
export class ReferrerFeedbackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consents: ConsentService,
    private readonly messages: MessagesService,
    private readonly linking: LinkingViews,
    private readonly publicReferrals: PublicReferralRepository,
  ) {}

  @OnJob('notification.referrer-milestone')
  async sendMilestone(job: JobData<'notification.referrer-milestone'>): Promise<FeedbackOutcome> {
    const referrals = this.dataSource.getRepository(Referral);
    const referral = await referrals.findOneBy({ id: job.referralId, municipalityId: job.municipalityId });
    if (!referral) return 'missing';
    // The case whose milestone this is: a linked referral's is the case it joined.
    const theCase =
      referral.status === 'linked' && referral.duplicateOf
        ? await referrals.findOneBy({ id: referral.duplicateOf, municipalityId: job.municipalityId })
        : referral;
    if (!theCase) return 'missing';
    if (!(await this.consentOf(theCase)).referral) return 'consent_withdrawn';
    // Its citizen's data is gone (withdrawn on another referral, or retention): nobody hears of it any more.
    if (theCase.erasedAt || referral.erasedAt) return 'erased';

    // Who hears: the referral's own referrers; for a case, also those of referrals confirmed into it.
    const targets =
      referral.id === theCase.id && LIFECYCLE[referral.status].ownCase
        ? [referral, ...(await referrals.findBy({ duplicateOf: referral.id, status: 'linked', municipalityId: job.municipalityId }))]
        : [referral];
    const facts = await this.linking.referrerFacts(targets);
    const links = await this.dataSource.getRepository(ReferralLink).find({
      where: { referralId: In(targets.map((t) => t.id)) },
      order: { createdAt: 'ASC' },
    });
    const { consent, referrers } = await this.linking.referrers(job.municipalityId, targets, links);
    // A public referral's sender is no user: their own address, if they gave one (ADR 0030).
    const publicFacts = await this.publicReferrals.factsOf(
      this.dataSource.manager,
      targets.map((t) => t.id),
    );

    let outcome: FeedbackOutcome = 'not_disclosed';
    for (const target of targets) {
      if (!consent.get(target.id)!.referral) continue;
      const relations: CaseRelations = {
        municipalityId: target.municipalityId,
        status: target.status,
        areaId: target.areaId,
        assigneeUserId: null,
        referrers: referrers.get(target.id)!,
        restricted: target.restrictedAt !== null || theCase.restrictedAt !== null,
        // The referrer channel carries no contact details at all; the most hiding value keeps it so.
        addressProtected: true,
      };
      for (const recipient of uniqueBy(relations.referrers, (r) => r.userId)) {
        // Every recipient is a referrer here, whatever their role: this is the referrer channel.
        const viewer = {
          userId: recipient.userId,
          role: 'referrer' as const,
          municipalityId: target.municipalityId,
          organisation: recipient.organisation,
        };
        const disclosure = decideDisclosure(viewer, relations);
        if (disclosure.kind !== 'referrer') continue;
        const view = referrerView(facts.get(target.id)!, disclosure.level);
        if (!view.milestones.some((m) => m.status === job.milestone)) continue;
        const sender = recipient.userId === target.referrerId ? publicFacts.get(target.id) : undefined;
        // "Modtaget" went to them at intake; the rest only where they gave an address.
        if (sender && (job.milestone === 'received' || !sender.referrerEmail)) continue;
        const fresh = await this.messages.send({
          municipalityId: target.municipalityId,
          recipientId: recipient.userId,
          kind: 'referrer_milestone',
          referralId: target.id,
          subject: sender
            ? `Din henvisning ${sender.reference}: ${MILESTONE_TEXT[job.milestone]}`
            : `Social henvisning ${target.id.slice(0, 8)}: ${MILESTONE_TEXT[job.milestone]}`,
          // The public sender never learns the case id: their reference stands in for it.
          body: sender
            ? {
                reference: sender.reference,
                status: view.status,
                milestones: view.milestones,
                summary: view.summary,
                milestone: job.milestone,
              }
            : { ...view, milestone: job.milestone },
          address: sender?.referrerEmail ?? undefined,
          dedupeKey: `referrer_milestone:${target.id}:${recipient.userId}:${job.milestone}`,
        });
        outcome = fresh ? 'sent' : outcome === 'sent' ? 'sent' : 'already_sent';
      }
    }
    return outcome;
  }

  private async consentOf(referral: Referral) {
    return (await this.consents.stateOfReferrals(referral.municipalityId, [referral.id])).get(referral.id)!;
  }
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(key(i)) ? false : (seen.add(key(i)), true)));
}
