import { Injectable } from '@nestjs/common';
import type { ReferrerView } from '@bro/consent';
import type { JobData } from '@bro/platform';

/** A milestone the referrer channel has decided a referrer may hear of, with what the policy lets them see. */
export interface DisclosedMilestone {
  municipalityId: string;
  referralId: string;
  /** The referrer's clinic (their organisation), or null. */
  organisation: string | null;
  milestone: JobData<'notification.referrer-milestone'>['milestone'];
  /** The referrer view cut by the consent in force now (ADR 0015): the summary only where it may go. */
  view: ReferrerView;
}

/**
 * Another way the referrer channel reaches a referring clinic (MedCom, ADR 0028). The
 * channel is handed only what `ReferrerFeedbackService` has already decided the
 * referrer may be told — one disclosure policy, one consent rule — and says only how
 * it is sent. A channel registers itself from a lib above notification.
 */
export interface MilestoneChannel {
  milestone(m: DisclosedMilestone): Promise<void>;
}

/** The channels beside the message to the referrer's inbox (none unless a lib registers one). */
@Injectable()
export class MilestoneChannels {
  private readonly channels: MilestoneChannel[] = [];

  register(channel: MilestoneChannel): void {
    if (!this.channels.includes(channel)) this.channels.push(channel);
  }

  all(): readonly MilestoneChannel[] {
    return this.channels;
  }
}
