import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@bro/auth';
import { addToOutbox, ForbiddenError, Page, PageQuery } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { afterFailure, SWEEP_GRACE_MS } from './delivery-policy';
import { NotificationRepository, SentSms, StoredMessage, UndeliveredMessage } from './notification.repository';
import { SendTimeChecks } from './send-time-checks';
import { MESSAGE_TRANSPORT, MessageTransport, SMS_TRANSPORT, SmsTransport } from './transport';

/** A message to a user of Bro: kept in their inbox, and mailed when SMTP is configured. */
export interface NewMessage {
  municipalityId: string;
  recipientId: string;
  kind: string;
  referralId?: string;
  subject: string;
  /** Ids, kinds, statuses — nothing that names or describes a citizen. */
  body: Record<string, unknown>;
  /** One message per key: a redelivered job sends nothing twice. */
  dedupeKey: string;
  requestId?: string;
  /** Where to, when the recipient is no user with an e-mail of their own (a public referrer, ADR 0030). */
  address?: string;
}

/**
 * Someone outside Bro (ADR 0033): a host, a følgeven, a citizen's phone. The message goes
 * by mail when there is an e-mail, else by SMS when there is a phone — whichever they
 * have, decided here (`reachBy`) and nowhere else.
 */
export interface OutsideRecipient {
  email?: string | null;
  phone?: string | null;
  /** What the ledger calls them ("vært i <forening>", "følgeven"); none for the citizen. Never about the citizen. */
  label?: string;
}

/**
 * A message to someone outside Bro. The caller has already asked the disclosure policy
 * whether this person may be sent this text; the port only delivers it. The address,
 * text and link are erased with the case (`eraseAddresses`).
 */
export interface NewOutsideMessage {
  municipalityId: string;
  to: OutsideRecipient;
  kind: string;
  referralId?: string;
  /** The mail's subject (an SMS has none). Never about the citizen. */
  subject?: string;
  /** Plain text, `{link}` where the link goes. */
  text: string;
  /** A shorter text for when it goes by SMS (default: `text`). */
  smsText?: string;
  /** A link that is a credential: on the row only until the delivery settles. */
  link?: string;
  /** Ids only, for the ledger. */
  body?: Record<string, unknown>;
  dedupeKey: string;
  requestId?: string;
}

/** How someone outside Bro is reached: mail first, else SMS; null when they have neither. */
export function reachBy(to: OutsideRecipient): { channel: 'email' | 'sms'; address: string } | null {
  if (to.email) return { channel: 'email', address: to.email };
  if (to.phone) return { channel: 'sms', address: to.phone };
  return null;
}

/** No address left (never given, or erased with the case): nothing to send, and that is final. */
const NO_ADDRESS = { ok: false, code: 'no_address', permanent: true } as const;

/** How one `notification.deliver` run went. `retry`: the attempt failed and another is due (ledger: pending). */
export type DeliveryOutcome = 'sent' | 'failed' | 'retry' | 'withheld' | 'already_sent' | 'already_failed' | 'busy' | 'missing';

/**
 * Messages to staff, with a delivery ledger (ADR 0017). `send` stores the message (once
 * per dedupe key) and, for e-mail, an outbox row for its delivery job in the same
 * transaction: a message is never stored without its delivery on the way. `deliver`
 * makes one attempt and writes the outcome to the row — sent, pending with the next
 * attempt's time, or failed for good — and the sweep re-enqueues what is due again or
 * what Redis lost. Delivery is at least once: a worker that dies after the server took
 * the mail but before the row says so sends it again. Callers decide *whether* to send
 * (the disclosure policy for referrers), this service only *how*.
 */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MESSAGE_TRANSPORT) private readonly transport: MessageTransport,
    @Inject(SMS_TRANSPORT) private readonly sms: SmsTransport,
    private readonly messages: NotificationRepository,
    private readonly checks: SendTimeChecks,
  ) {}

  /**
   * Returns true if the message is new (stored, and for e-mail its delivery queued). In
   * the caller's transaction when given one, so the message commits with what caused it.
   */
  async send(message: NewMessage | NewOutsideMessage, manager?: EntityManager): Promise<boolean> {
    const row = this.rowOf(message);
    const local = row.channel === 'sms' ? this.sms.kind === 'local' : this.transport.channel === 'local';
    const work = async (m: EntityManager) => {
      // A local adapter delivers by storing.
      const id = await this.messages.insert(m, row, local);
      if (!id) return false;
      if (!local) {
        await addToOutbox(m, 'notification.deliver', {
          messageId: id,
          municipalityId: message.municipalityId,
          requestId: message.requestId,
          v: 1,
        });
      }
      return true;
    };
    if (manager) return work(manager);
    // A message delivered by being stored is one INSERT: no transaction around it (issue 20).
    return local ? work(this.dataSource.manager) : this.dataSource.transaction(work);
  }

  private rowOf(message: NewMessage | NewOutsideMessage): StoredMessage {
    const common = {
      municipalityId: message.municipalityId,
      kind: message.kind,
      referralId: message.referralId ?? null,
      dedupeKey: message.dedupeKey,
    };
    if (!('to' in message)) {
      return {
        ...common,
        recipientId: message.recipientId,
        address: message.address ?? null,
        subject: message.subject,
        body: message.body,
        channel: this.transport.channel,
      };
    }
    // Neither e-mail nor phone: stored as a mail without an address, which fails with `no_address` in the ledger.
    const reach = reachBy(message.to) ?? { channel: 'email' as const, address: null };
    const sms = reach.channel === 'sms';
    return {
      ...common,
      recipientId: null,
      address: reach.address,
      label: message.to.label,
      subject: message.subject ?? message.kind,
      body: message.body ?? {},
      text: sms ? (message.smsText ?? message.text) : message.text,
      link: message.link,
      channel: sms ? 'sms' : this.transport.channel,
    };
  }

  /**
   * `notification.deliver`: one delivery attempt. The row stays locked while the
   * transport talks to the server, so two runs for one message (a redelivered job and
   * the sweep) never send it twice at once; a message no longer pending is left alone.
   */
  async deliver(messageId: string): Promise<{ outcome: DeliveryOutcome; attempt?: number; code?: string }> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.messages.lockForDelivery(m, messageId);
      if (row === null) return { outcome: 'missing' };
      if (row === 'busy') return { outcome: 'busy' };
      if (row.deliveryStatus !== 'pending') return { outcome: row.deliveryStatus === 'sent' ? 'already_sent' : 'already_failed' };
      // Every attempt, the first and each retry, asks the decision that queued the message again.
      const withheld = await this.checks.withheld(m, row);
      if (withheld) {
        await this.messages.markWithheld(m, messageId, withheld);
        this.logger.log({ messageId, kind: row.kind, reason: withheld }, 'message withheld at send time');
        return { outcome: 'withheld', code: withheld };
      }
      const attempt = row.deliveryAttempts + 1;
      const text = row.text === null ? null : row.text.replace('{link}', row.link ?? '');
      const result =
        row.channel === 'sms'
          ? row.address && text !== null
            ? await this.sms.deliver({ to: row.address, text })
            : NO_ADDRESS
          : row.email
            ? await this.transport.deliver({
                to: row.email,
                subject: row.subject,
                text: text ?? `${row.subject}\n\n${JSON.stringify(row.body, null, 2)}`,
              })
            : // Nobody to mail: a coordinator sees it and can give the user an address; the inbox still has it.
              NO_ADDRESS;
      if (result.ok) {
        await this.messages.markSent(m, messageId, attempt);
        return { outcome: 'sent' };
      }
      const next = afterFailure(attempt, result);
      await this.messages.markAttemptFailed(m, messageId, attempt, result.code, next.status === 'pending' ? next.retryInMs : null);
      // Ids and a code only: the server's text may quote the address.
      this.logger.warn({ messageId, attempt, code: result.code, final: next.status === 'failed' }, 'message not delivered');
      return { outcome: next.status === 'pending' ? 'retry' : 'failed', attempt, code: result.code };
    });
  }

  /** The case was erased: its messages lose the addresses they went to, their text and link; the ledger (times, status) stays. */
  async eraseAddresses(m: EntityManager, referralId: string): Promise<void> {
    await this.messages.eraseAddresses(m, referralId);
  }

  /** The SMS sent about a case, newest first (the demo's local adapter is read here). */
  async smsOfCase(municipalityId: string, referralId: string): Promise<SentSms[]> {
    return this.messages.smsOfCase(municipalityId, referralId);
  }

  /** `notification.sweep`: pending messages past their next attempt (and a grace), for the worker to enqueue again. */
  async dueForDelivery(limit = 1_000): Promise<{ messageId: string; municipalityId: string }[]> {
    return this.messages.dueForDelivery(SWEEP_GRACE_MS, limit);
  }

  /** Messages that failed for good in the municipality (the coordinators' `undeliveredMessages`). */
  async undeliveredCount(municipalityId: string): Promise<number> {
    return this.messages.undeliveredCount(municipalityId);
  }

  /** `GET /v1/notifications/undelivered` (coordinators): failed, or still being retried with `status=pending`. */
  async undelivered(actor: Actor, status: 'failed' | 'pending', page: PageQuery): Promise<Page<UndeliveredMessage>> {
    if (actor.role !== 'coordinator') throw new ForbiddenError('Only coordinators see the delivery ledger');
    return this.messages.byDeliveryStatus(actor.municipalityId, status, page.limit, page.offset);
  }

  /** `GET /v1/notifications`: the caller's own messages, newest first. */
  async inbox(actor: Actor, page: PageQuery): Promise<Page<unknown>> {
    return this.messages.inbox(actor.municipalityId, actor.userId, page.limit, page.offset);
  }

  /** A revoked hand-off's message: its link is cleared and, if not yet delivered, it is not sent. */
  async cancelLink(m: EntityManager, dedupeKey: string): Promise<void> {
    await this.messages.cancelLink(m, dedupeKey);
  }
}
