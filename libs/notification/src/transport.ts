import { Logger } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';

export interface OutgoingMessage {
  to: string | null;
  subject: string;
  text: string;
}

/** The port messages leave through. The database row is written first; a transport only delivers. */
export interface MessageTransport {
  readonly channel: 'local' | 'email';
  /** The stored row is the delivery: the message counts as delivered when it is written (no deliver call). */
  readonly deliveredWhenStored?: boolean;
  deliver(message: OutgoingMessage): Promise<boolean>;
}

export const MESSAGE_TRANSPORT = Symbol('MESSAGE_TRANSPORT');

/** The demo's and tests' adapter: the stored row is the message (read with GET /v1/notifications). */
export class LocalTransport implements MessageTransport {
  readonly channel = 'local' as const;
  readonly deliveredWhenStored = true;
  async deliver(): Promise<boolean> {
    return true;
  }
}

/** Mails the message with nodemailer (SMTP_URL); a recipient without an e-mail address keeps it in the inbox only. */
export class SmtpTransport implements MessageTransport {
  readonly channel = 'email' as const;
  private readonly logger = new Logger(SmtpTransport.name);
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transporter = createTransport(url);
  }

  async deliver(message: OutgoingMessage): Promise<boolean> {
    if (!message.to) return false;
    try {
      await this.transporter.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
      return true;
    } catch (err) {
      this.logger.warn(`mail not delivered: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }
}
