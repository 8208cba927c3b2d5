import { createTransport, Transporter } from 'nodemailer';
import { DeliveryFailure, deliveryFailure } from './delivery-policy';

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
}

export type DeliveryResult = { ok: true } | ({ ok: false } & DeliveryFailure);

/**
 * The port messages leave through. The database row is written first and is the
 * ledger; a transport only tries one delivery and says how it went — it never
 * swallows a failure, so the caller can retry or give up visibly (ADR 0017).
 */
export interface MessageTransport {
  readonly channel: 'local' | 'email';
  deliver(message: OutgoingMessage): Promise<DeliveryResult>;
}

export const MESSAGE_TRANSPORT = Symbol('MESSAGE_TRANSPORT');

/** The demo's and tests' adapter: the stored row is the message (read with GET /v1/notifications). */
export class LocalTransport implements MessageTransport {
  readonly channel = 'local' as const;
  async deliver(): Promise<DeliveryResult> {
    return { ok: true };
  }
}

/**
 * Mails the message with nodemailer (SMTP_URL). Timeouts are short: the delivery holds
 * its message row locked while it talks to the server, and a server that does not
 * answer is a failed attempt to retry, not a worker stuck for minutes.
 */
export class SmtpTransport implements MessageTransport {
  readonly channel = 'email' as const;
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transporter = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async deliver(message: OutgoingMessage): Promise<DeliveryResult> {
    try {
      await this.transporter.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
      return { ok: true };
    } catch (err) {
      return { ok: false, ...deliveryFailure(err) };
    }
  }
}
