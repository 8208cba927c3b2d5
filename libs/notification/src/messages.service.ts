import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@bro/auth';
import { Page, PageQuery, returnedRows } from '@bro/platform';
import { DataSource } from 'typeorm';
import { MESSAGE_TRANSPORT, MessageTransport } from './transport';

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
}

/**
 * Messages to staff. `send` stores the message (once per dedupe key) and hands it to
 * the transport; callers decide *whether* to send (the disclosure policy for
 * referrers), this service only *how*.
 */
@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MESSAGE_TRANSPORT) private readonly transport: MessageTransport,
  ) {}

  /** Returns true if the message is new (and was handed to the transport). */
  async send(message: NewMessage): Promise<boolean> {
    // A transport whose delivery is the row itself has the row written as delivered: one statement, one commit.
    const deliveredNow = this.transport.deliveredWhenStored === true;
    const [row] = returnedRows<{ id: string; email: string | null }>(
      await this.dataSource.query(
        `WITH inserted AS (
           INSERT INTO message (municipality_id, recipient_id, kind, referral_id, subject, body, dedupe_key, channel, delivered_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9::boolean THEN clock_timestamp() END)
           ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, recipient_id)
         SELECT i.id, u.email FROM inserted i JOIN app_user u ON u.id = i.recipient_id`,
        [
          message.municipalityId,
          message.recipientId,
          message.kind,
          message.referralId ?? null,
          message.subject,
          JSON.stringify(message.body),
          message.dedupeKey,
          this.transport.channel,
          deliveredNow,
        ],
      ),
    );
    if (!row) return false;
    if (deliveredNow) return true;
    const delivered = await this.transport.deliver({
      to: row.email,
      subject: message.subject,
      text: `${message.subject}\n\n${JSON.stringify(message.body, null, 2)}`,
    });
    if (delivered) await this.dataSource.query('UPDATE message SET delivered_at = clock_timestamp() WHERE id = $1', [row.id]);
    return true;
  }

  /** `GET /v1/notifications`: the caller's own messages, newest first. */
  async inbox(actor: Actor, page: PageQuery): Promise<Page<unknown>> {
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      'SELECT count(*)::int AS total FROM message WHERE recipient_id = $1 AND municipality_id = $2',
      [actor.userId, actor.municipalityId],
    );
    const items: unknown[] = await this.dataSource.query(
      `SELECT id, kind, referral_id AS "referralId", subject, body, channel, created_at AS "createdAt", delivered_at AS "deliveredAt"
         FROM message WHERE recipient_id = $1 AND municipality_id = $2 ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [actor.userId, actor.municipalityId, page.limit, page.offset],
    );
    return { items, total };
  }
}
