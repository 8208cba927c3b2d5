import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConsentService, referrerView } from '@bro/consent';
import { JobData } from '@bro/platform';
import { DataSource } from 'typeorm';
import { Referral, ReferralLink, ReferralStatusChange } from './referral.entity';
import { referrerFacts } from './referrer-facts';

export type FeedbackOutcome = 'sent' | 'already_sent' | 'not_disclosed' | 'consent_withdrawn' | 'missing';

/**
 * Tells referrers what their referral has reached — the referrer view, pushed. The
 * consent in force *when sending* decides, through the same cut as the REST view:
 * a job queued before a withdrawal or a lowered feedback level sends nothing.
 * The channel's local adapter is the referrer_notification table (one row per
 * referral, referrer and milestone, so a redelivered job sends nothing twice).
 */
@Injectable()
export class ReferrerFeedbackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consents: ConsentService,
  ) {}

  async sendMilestone(job: JobData<'notification.referrer-milestone'>): Promise<FeedbackOutcome> {
    const referral = await this.dataSource.getRepository(Referral).findOneBy({ id: job.referralId, municipalityId: job.municipalityId });
    if (!referral) return 'missing';
    const consent = (await this.consents.stateOf(referral.municipalityId, [referral.citizenId])).get(referral.citizenId)!;
    if (!consent.referral) return 'consent_withdrawn';

    const history = await this.dataSource
      .getRepository(ReferralStatusChange)
      .find({ where: { referralId: referral.id }, order: { at: 'ASC', id: 'ASC' } });
    const view = referrerView(referrerFacts(referral, history), consent.referrerFeedback);
    if (!view.milestones.some((m) => m.status === job.milestone)) return 'not_disclosed';

    const links = await this.dataSource.getRepository(ReferralLink).findBy({ referralId: referral.id });
    const recipients = [...new Set([referral.referrerId, ...links.map((l) => l.referrerId)])];
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO referrer_notification (municipality_id, referral_id, referrer_id, milestone, body)
       SELECT $1, $2, unnest($3::uuid[]), $4, $5 ON CONFLICT DO NOTHING RETURNING id`,
      [referral.municipalityId, referral.id, recipients, job.milestone, JSON.stringify(view)],
    );
    return inserted.length > 0 ? 'sent' : 'already_sent';
  }
}
