import { Injectable } from '@nestjs/common';
import { JobContext, JobData, OnJob } from '@bro/platform';
import { QUEUE_DELIVERY_ATTEMPTS } from './delivery-policy';
import { DeliveryOutcome, MessagesService } from './messages.service';

/**
 * `notification` queue. Guarantees: nothing reaches a referrer that the consent in
 * force at sending does not allow (ReferrerFeedbackService.sendMilestone); a redelivered
 * job stores nothing twice; every stored e-mail is delivered at least once or ends
 * `failed`, visible to coordinators (ADR 0017). A failed attempt is rethrown while the
 * job has quick retries left; later ones come from the ledger through the sweep, which
 * also brings back what Redis lost.
 */
@Injectable()
export class NotificationJobs {
  constructor(private readonly messages: MessagesService) {}

  /** One delivery attempt of one stored message. */
  @OnJob('notification.deliver')
  async deliver(data: JobData<'notification.deliver'>, { job, record }: JobContext): Promise<DeliveryOutcome> {
    const { outcome, attempt, code } = await this.messages.deliver(data.messageId);
    record(outcome);
    // The message's first few attempts are the queue's quick retries; later ones (minutes
    // apart, in the ledger) come back through the sweep, whichever job made this one.
    const quick = attempt !== undefined && attempt < QUEUE_DELIVERY_ATTEMPTS && job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    if (outcome === 'retry' && quick) throw new Error(`delivery failed (${code})`);
    return outcome;
  }

  /** Periodic: re-enqueue messages whose delivery is due again or whose job Redis lost. */
  @OnJob('notification.sweep')
  async sweep(_data: unknown, { enqueue }: JobContext): Promise<{ requeued: number }> {
    const due = await this.messages.dueForDelivery();
    for (const d of due) {
      await enqueue('notification.deliver', { ...d, v: 1 }, { deduplication: { id: `notification.deliver.${d.messageId}` } });
    }
    return { requeued: due.length };
  }
}
