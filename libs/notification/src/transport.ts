import { createTransport, Transporter } from 'nodemailer';
import { DeliveryFailure, deliveryFailure, gatewayFailure } from './delivery-policy';

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

/** One SMS: the phone number and the text, nothing else. */
export interface OutgoingSms {
  to: string;
  text: string;
}

/**
 * The SMS side of the port. As for mail, the row is the ledger and the transport makes
 * one attempt: `local` (the demo's and tests' adapter) is delivered by being stored;
 * `gateway` posts to the municipality's SMS gateway.
 */
export interface SmsTransport {
  readonly kind: 'local' | 'gateway';
  deliver(sms: OutgoingSms): Promise<DeliveryResult>;
}

export const SMS_TRANSPORT = Symbol('SMS_TRANSPORT');

/** The demo's SMS adapter: the stored row is the SMS (shown with its appointment). */
export class LocalSmsTransport implements SmsTransport {
  readonly kind = 'local' as const;
  async deliver(): Promise<DeliveryResult> {
    return { ok: true };
  }
}

/**
 * Posts `{ to, text }` as JSON to SMS_GATEWAY_URL with `Authorization: Bearer
 * SMS_GATEWAY_TOKEN`. Most Danish SMS gateways take such a call (or sit behind a small
 * adapter that does). Any 2xx is delivered; 4xx but 408/429 is a permanent refusal (a bad
 * number stays bad); 5xx, 408, 429, a timeout or no connection are tried again. The
 * timeout is short for the same reason as SMTP's: the message row is locked meanwhile.
 */
export class HttpSmsTransport implements SmsTransport {
  readonly kind = 'gateway' as const;

  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
    private readonly timeoutMs = 10_000,
  ) {}

  async deliver(sms: OutgoingSms): Promise<DeliveryResult> {
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify({ to: sms.to, text: sms.text }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // The body is not read into anything: a gateway's error text may quote the number.
      await res.body?.cancel();
      return res.ok ? { ok: true } : { ok: false, ...gatewayFailure(res.status) };
    } catch (err) {
      const e = err as { name?: string; cause?: unknown };
      if (e.name === 'TimeoutError') return { ok: false, code: 'etimedout', permanent: false };
      return { ok: false, ...deliveryFailure(e.cause ?? err) };
    }
  }
}
