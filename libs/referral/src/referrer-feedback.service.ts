import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConsentService, referrerView } from '@bro/consent';
import { MessagesService } from '@bro/notification';
import { JobData } from '@bro/platform';
import { DataSource } from 'typeorm';
import { Referral, ReferralLink, ReferralStatusChange } from './referral.entity';
import { referrerFacts } from './referrer-facts';

const MILESTONE_TEXT: Record<JobData<'notification.referrer-milestone'>['milestone'], string> = {
  received: 'modtaget',
  assigned: 'tildelt en brobygger',
  contacted: 'borgeren er kontaktet',
  conversation_held: 'første samtale er holdt',
  closed: 'afsluttet',
};

export type FeedbackOutcome = 'sent' | 'already_sent' | 'not_disclosed' | 'consent_withdrawn' | 'missing';

/**
 * Tells referrers what their referral has reached — the referrer view, pushed. The
 * consent in force *when sending* decides, through the same cut as the REST view:
 * a job queued before a withdrawal or a lowered feedback level sends nothing.
 * Messages go through the message port, one per referral, referrer and milestone, so
 * a redelivered job sends nothing twice.
 */
@Injectable()
export class ReferrerFeedbackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consents: ConsentService,
    private readonly messages: MessagesService,
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
    let sent = false;
    for (const recipientId of recipients) {
      const fresh = await this.messages.send({
        municipalityId: referral.municipalityId,
        recipientId,
        kind: 'referrer_milestone',
        referralId: referral.id,
        subject: `Social henvisning ${referral.id.slice(0, 8)}: ${MILESTONE_TEXT[job.milestone]}`,
        body: { ...view, milestone: job.milestone },
        dedupeKey: `referrer_milestone:${referral.id}:${recipientId}:${job.milestone}`,
      });
      sent ||= fresh;
    }
    return sent ? 'sent' : 'already_sent';
  }
}
