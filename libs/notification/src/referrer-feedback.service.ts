import { Injectable, OnModuleInit } from '@nestjs/common';
import { decideDisclosure, type ReferrerDisclosure, referrerView } from '@bro/consent';
import { JobData, OnJob } from '@bro/platform';
import { MessagesService } from './messages.service';
import { MilestoneAudience, type NoAudience } from './milestone-audience';
import { MilestoneChannels } from './milestone-channels';
import { SendTimeChecks, WithheldReason } from './send-time-checks';
import type { EntityManager } from 'typeorm';

type FeedbackLevel = ReferrerDisclosure['level'];
type Milestone = JobData<'notification.referrer-milestone'>['milestone'];
const MILESTONES = new Set<string>(['received', 'assigned', 'contacted', 'conversation_held', 'closed'] satisfies Milestone[]);

/**
 * What a queued message to a referrer needs the decision to allow still, at send time:
 * the milestone it tells of (none for a reply), and whether it carries words beyond the
 * milestones (the approved summary, a brobygger's reply) that only `summary` allows.
 */
export interface ReferrerMessageRule {
  milestone: Milestone | null;
  summary: boolean;
}

const MILESTONE_TEXT: Record<JobData<'notification.referrer-milestone'>['milestone'], string> = {
  received: 'modtaget',
  assigned: 'tildelt en brobygger',
  contacted: 'borgeren er kontaktet',
  conversation_held: 'første samtale er holdt',
  closed: 'afsluttet',
};

export type FeedbackOutcome = 'sent' | 'already_sent' | 'not_disclosed' | NoAudience;

/**
 * Tells referrers what their referral has reached — the referrer view, pushed. The
 * consent in force *when sending* decides, through the same policy and the same cut as
 * the REST view: a job queued before a withdrawal or a lowered feedback level sends
 * nothing. Each referrer is cut to the consent on their own referral or link (ADR
 * 0014): a later referrer's consent never opens the first one's. A referral another
 * clinic sent that was confirmed into this case hears of the case's milestones under
 * its own id; one still held as a possible duplicate hears nothing of the case.
 * Who may hear comes from the case owner through `MilestoneAudience` (ADR 0022).
 * Messages go through the message port, one per referral, referrer and milestone, so
 * a redelivered job sends nothing twice. Registered `MilestoneChannels` (MedCom) are
 * handed the same disclosed view; each keeps its own once-only rule.
 */
@Injectable()
export class ReferrerFeedbackService implements OnModuleInit {
  constructor(
    private readonly audience: MilestoneAudience,
    private readonly messages: MessagesService,
    private readonly channels: MilestoneChannels,
    private readonly checks: SendTimeChecks,
  ) {}

  onModuleInit(): void {
    // A milestone mail queued now and delivered after a withdrawal, a lowered level or an erasure is not sent.
    this.checks.register('referrer_milestone', async (m, message) => {
      const milestone = message.body.milestone;
      if (!message.referralId || !message.recipientId || typeof milestone !== 'string' || !MILESTONES.has(milestone))
        return 'not_disclosed';
      return this.stillDisclosed(
        message.municipalityId,
        message.referralId,
        { userId: message.recipientId },
        { milestone: milestone as Milestone, summary: message.body.summary != null },
        m,
      );
    });
  }

  /**
   * The send-time half of the one decision (ADR 0028, 0038): may this referrer — a user,
   * or a clinic for MedCom — still be told this, under the consent in force *now*? The
   * same audience, policy and cut as `sendMilestone`; null when yes, else why not.
   */
  async stillDisclosed(
    municipalityId: string,
    referralId: string,
    who: { userId: string } | { organisation: string },
    rule: ReferrerMessageRule,
    m?: EntityManager,
  ): Promise<WithheldReason | null> {
    const targets = await this.audience.of({ municipalityId, referralId, milestone: rule.milestone ?? 'received', v: 1 }, m);
    if (typeof targets === 'string') return targets;
    // Its own consent to the referral withdrawn: the audience leaves the referral out.
    const target = targets.find((t) => t.referralId === referralId);
    if (!target) return 'consent_withdrawn';
    if (target.relations.restricted) return 'restricted';
    const organisation =
      'organisation' in who ? who.organisation : (target.relations.referrers.find((r) => r.userId === who.userId)?.organisation ?? null);
    const viewer = {
      userId: 'userId' in who ? who.userId : '',
      role: 'referrer' as const,
      municipalityId: target.relations.municipalityId,
      organisation,
    };
    const disclosure = decideDisclosure(viewer, target.relations);
    if (disclosure.kind !== 'referrer') return 'not_disclosed';
    if (rule.summary && disclosure.level !== 'summary') return 'not_disclosed';
    if (rule.milestone && !referrerView(target.facts, disclosure.level).milestones.some((m) => m.status === rule.milestone))
      return 'not_disclosed';
    return null;
  }

  @OnJob('notification.referrer-milestone')
  async sendMilestone(job: JobData<'notification.referrer-milestone'>): Promise<FeedbackOutcome> {
    const targets = await this.audience.of(job);
    if (typeof targets === 'string') return targets;

    let outcome: FeedbackOutcome = 'not_disclosed';
    for (const { referralId, relations, facts, publicSender } of targets) {
      for (const recipient of uniqueBy(relations.referrers, (r) => r.userId)) {
        // Every recipient is a referrer here, whatever their role: this is the referrer channel.
        const viewer = {
          userId: recipient.userId,
          role: 'referrer' as const,
          municipalityId: relations.municipalityId,
          organisation: recipient.organisation,
        };
        const disclosure = decideDisclosure(viewer, relations);
        if (disclosure.kind !== 'referrer') continue;
        const view = referrerView(facts, disclosure.level);
        if (!view.milestones.some((m) => m.status === job.milestone)) continue;
        const sender = publicSender?.userId === recipient.userId ? publicSender : undefined;
        // "Modtaget" went to a public sender at intake; the rest only where they gave an address.
        if (sender && (job.milestone === 'received' || !sender.email)) continue;
        const fresh = await this.messages.send({
          municipalityId: relations.municipalityId,
          recipientId: recipient.userId,
          kind: 'referrer_milestone',
          referralId,
          subject: sender
            ? `Din henvisning ${sender.reference}: ${MILESTONE_TEXT[job.milestone]}`
            : `Social henvisning ${referralId.slice(0, 8)}: ${MILESTONE_TEXT[job.milestone]}`,
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
          address: sender?.email ?? undefined,
          dedupeKey: `referrer_milestone:${referralId}:${recipient.userId}:${job.milestone}`,
        });
        outcome = fresh ? 'sent' : outcome === 'sent' ? 'sent' : 'already_sent';
        // The same decision, the same cut: other channels to the clinic (MedCom, ADR 0028) get exactly this view.
        if (!sender) {
          for (const channel of this.channels.all()) {
            await channel.milestone({
              municipalityId: relations.municipalityId,
              referralId,
              organisation: recipient.organisation,
              milestone: job.milestone,
              view,
            });
          }
        }
      }
    }
    return outcome;
  }

  /**
   * The feedback level each referring clinic of a case has now — the same audience,
   * consent read and policy as the milestones above, asked for a clinic rather than a
   * milestone (ADR 0028: a brobygger's MedCom reply to a GP). A clinic on several
   * referrals of the case gets the newest consent's level, as the policy decides for it.
   * Empty when nobody may hear of the case (consent withdrawn, erased, gone).
   */
  async clinicLevels(municipalityId: string, referralId: string): Promise<{ organisation: string; level: FeedbackLevel }[]> {
    const targets = await this.audience.of({ municipalityId, referralId, milestone: 'received', v: 1 });
    if (typeof targets === 'string') return [];
    const levels = new Map<string, FeedbackLevel>();
    for (const { relations, publicSender } of targets) {
      for (const r of relations.referrers) {
        // A public sender is no clinic; only a referrer's organisation is.
        if (!r.organisation || publicSender?.userId === r.userId) continue;
        const disclosure = decideDisclosure(
          { userId: '', role: 'referrer', municipalityId: relations.municipalityId, organisation: r.organisation },
          relations,
        );
        if (disclosure.kind === 'referrer') levels.set(r.organisation, disclosure.level);
      }
    }
    return [...levels].map(([organisation, level]) => ({ organisation, level }));
  }
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(key(i)) ? false : (seen.add(key(i)), true)));
}
