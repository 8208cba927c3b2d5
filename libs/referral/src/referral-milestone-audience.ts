import { LIFECYCLE } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConsentService } from '@bro/consent';
import { MilestoneAudience, type MilestoneTarget, type NoAudience } from '@bro/notification';
import { JobData } from '@bro/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { LinkingViews, referrerFactsOf, sharedCaseIds } from './linking-views';
import type { Referral } from './referral.entity';
import { ReferralRepository } from './referral.repository';

/**
 * Who may hear of a case's milestone (the `MilestoneAudience` port of the referrer
 * channel in `libs/notification`, ADR 0022): the referral's own referrers and, for a
 * case, those of the referrals confirmed into it — each referral only while its own
 * consent to the referral is in force, none once its citizen's data is erased.
 */
@Injectable()
export class ReferralMilestoneAudience extends MilestoneAudience {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consents: ConsentService,
    private readonly linking: LinkingViews,
    private readonly repository: ReferralRepository,
  ) {
    super();
  }

  async of(
    job: JobData<'notification.referrer-milestone'>,
    m: EntityManager = this.dataSource.manager,
  ): Promise<MilestoneTarget[] | NoAudience> {
    const { referral, linked } = await this.repository.referralWithLinked(m, job.referralId, job.municipalityId);
    if (!referral) return 'missing';
    // The case whose milestone this is: a linked referral's is the case it joined.
    const theCase =
      referral.status === 'linked' && referral.duplicateOf
        ? await this.repository.referral(m, referral.duplicateOf, job.municipalityId)
        : referral;
    if (!theCase) return 'missing';
    // The case's own consent: a linked referral's case is read here; a case's comes with
    // its referrers' below (one read fewer per milestone, issue 20).
    if (theCase.id !== referral.id) {
      if (!(await this.consentOf(m, theCase)).referral) return 'consent_withdrawn';
      if (theCase.erasedAt || referral.erasedAt) return 'erased';
    }

    // Who hears: the referral's own referrers; for a case, also those of referrals confirmed into it.
    const targets = referral.id === theCase.id && LIFECYCLE[referral.status].ownCase ? [referral, ...linked] : [referral];
    const targetIds = targets.map((t) => t.id);
    // A linked referral shows its case's milestones; that case is `theCase`, read above.
    const sharedIds = sharedCaseIds(targets);
    const { links, history, senders } = await this.repository.milestoneFacts(m, targetIds, [...targetIds, ...sharedIds]);
    const { consent, referrers } = await this.linking.referrers(job.municipalityId, targets, links, m);
    if (theCase.id === referral.id) {
      if (!consent.get(referral.id)!.referral) return 'consent_withdrawn';
      // Its citizen's data is gone (withdrawn on another referral, or retention): nobody hears of it any more.
      if (referral.erasedAt) return 'erased';
    }
    const facts = referrerFactsOf(targets, sharedIds.length ? [theCase] : [], history);

    return targets
      .filter((target) => consent.get(target.id)!.referral)
      .map((target) => ({
        referralId: target.id,
        facts: facts.get(target.id)!,
        relations: {
          municipalityId: target.municipalityId,
          status: target.status,
          areaId: target.areaId,
          assigneeUserId: null,
          referrers: referrers.get(target.id)!,
          restricted: target.restrictedAt !== null || theCase.restrictedAt !== null,
          // The referrer channel carries no contact details at all; the most hiding value keeps it so.
          addressProtected: true,
        },
        // A public referral's sender hears at their own address, under their reference (ADR 0030).
        ...(senders.has(target.id)
          ? {
              publicSender: {
                userId: target.referrerId,
                reference: senders.get(target.id)!.reference,
                email: senders.get(target.id)!.referrerEmail,
              },
            }
          : {}),
      }));
  }

  private async consentOf(m: EntityManager, referral: Referral) {
    return (await this.consents.stateOfReferrals(referral.municipalityId, [referral.id], m)).get(referral.id)!;
  }
}
