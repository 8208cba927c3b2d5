import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { USER_FACTS } from '@bro/auth';

/** `withheld`: not sent, because the disclosure decision asked again at send time no longer allowed it. */
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'withheld';

export interface StoredMessage {
  municipalityId: string;
  /** A user of Bro; null for someone outside it (a host, a følgeven, a citizen's phone). */
  recipientId: string | null;
  /**
   * Where it goes outside Bro: an e-mail for mail, a phone number for `channel = 'sms'`
   * (also a public referrer's own e-mail, ADR 0030). Erased with the case.
   */
  address: string | null;
  /** What the ledger calls someone outside Bro: "vært i Modne Motionister", "følgeven". Never about the citizen. */
  label?: string;
  /** Plain text for someone outside Bro, `{link}` where the link goes; staff get subject and body. */
  text?: string;
  /** A link that is a credential: kept only until the delivery settles, then cleared. */
  link?: string;
  kind: string;
  referralId: string | null;
  subject: string;
  body: Record<string, unknown>;
  dedupeKey: string;
  channel: 'local' | 'email' | 'sms';
}

/** An SMS as the ledger holds it. */
export interface SentSms {
  id: string;
  kind: string;
  text: string | null;
  deliveryStatus: DeliveryStatus;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** A message locked for one delivery attempt, with where it goes. */
export interface MessageToDeliver {
  id: string;
  municipalityId: string;
  kind: string;
  referralId: string | null;
  recipientId: string | null;
  subject: string;
  body: Record<string, unknown>;
  deliveryStatus: DeliveryStatus;
  deliveryAttempts: number;
  channel: 'local' | 'email' | 'sms';
  email: string | null;
  address: string | null;
  text: string | null;
  link: string | null;
}

export interface UndeliveredMessage {
  id: string;
  kind: string;
  referralId: string | null;
  subject: string;
  channel: 'local' | 'email' | 'sms';
  /** The user the message was for; `id` null: someone outside Bro (a host or følgeven) named by their label; null for an SMS to a citizen (whose number is not listed). */
  recipient: { id: string | null; displayName: string } | null;
  deliveryStatus: DeliveryStatus;
  deliveryAttempts: number;
  lastErrorCode: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
}

/**
 * All SQL on the `message` table — the messages to staff and their delivery ledger
 * (ADR 0017). Times come from the database clock, as the sweep compares with it.
 */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a message once per dedupe key; returns its id when it is new, null when the
   * key was already there. A message for a local adapter is delivered by being stored.
   */
  async insert(m: EntityManager, message: StoredMessage, local: boolean): Promise<string | null> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO message (municipality_id, recipient_id, kind, referral_id, subject, body, dedupe_key, channel,
                            delivery_status, delivered_at, next_attempt_at, address,
                            recipient_label, text, link)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
               CASE WHEN $9 THEN 'sent' ELSE 'pending' END, CASE WHEN $9 THEN clock_timestamp() END,
               CASE WHEN $9 THEN NULL ELSE clock_timestamp() END,
               $10, $11, $12, CASE WHEN $9 THEN NULL ELSE $13 END)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        message.municipalityId,
        message.recipientId,
        message.kind,
        message.referralId,
        message.subject,
        JSON.stringify(message.body),
        message.dedupeKey,
        message.channel,
        local,
        message.address,
        message.label ?? null,
        message.text ?? null,
        message.link ?? null,
      ],
    );
    return row?.id ?? null;
  }

  /**
   * Locks a message for a delivery attempt. SKIP LOCKED: while another delivery of the
   * same message is under way, this one gets nothing and leaves it to that one.
   */
  async lockForDelivery(m: EntityManager, id: string): Promise<MessageToDeliver | 'busy' | null> {
    const [row] = await m.query<MessageToDeliver[]>(
      `SELECT msg.id, msg.municipality_id AS "municipalityId", msg.kind, msg.referral_id AS "referralId", msg.recipient_id AS "recipientId",
              msg.subject, msg.body, msg.delivery_status AS "deliveryStatus", msg.delivery_attempts AS "deliveryAttempts",
              msg.channel, COALESCE(msg.address, u.email) AS email, msg.address, msg.text, msg.link
         FROM message msg LEFT JOIN ${USER_FACTS} u ON u.id = msg.recipient_id
        WHERE msg.id = $1 FOR UPDATE OF msg SKIP LOCKED`,
      [id],
    );
    if (row) return row;
    const [exists] = await m.query<unknown[]>('SELECT 1 FROM message WHERE id = $1', [id]);
    return exists ? 'busy' : null;
  }

  async markSent(m: EntityManager, id: string, attempts: number): Promise<void> {
    await m.query(
      `UPDATE message SET delivery_status = 'sent', delivery_attempts = $2, delivered_at = clock_timestamp(),
              last_attempt_at = clock_timestamp(), next_attempt_at = NULL, link = NULL WHERE id = $1`,
      [id, attempts],
    );
  }

  /**
   * Not sent after all: the send-time check refused it. The words go with it (body,
   * text, link, address) — they were written for a disclosure that no longer holds; the
   * ledger keeps the kind, the times and the reason code.
   */
  async markWithheld(m: EntityManager, id: string, reason: string): Promise<void> {
    await m.query(
      `UPDATE message SET delivery_status = 'withheld', last_error_code = $2, last_attempt_at = clock_timestamp(), next_attempt_at = NULL,
              body = '{}'::jsonb, text = NULL, link = NULL, address = NULL
        WHERE id = $1`,
      [id, reason],
    );
  }

  /** A failed attempt: `retryInMs` puts the next one in the ledger; without it the message has failed for good. */
  async markAttemptFailed(m: EntityManager, id: string, attempts: number, code: string, retryInMs: number | null): Promise<void> {
    await m.query(
      `UPDATE message SET delivery_attempts = $2, last_error_code = $3, last_attempt_at = clock_timestamp(),
              delivery_status = CASE WHEN $4::bigint IS NULL THEN 'failed' ELSE 'pending' END,
              next_attempt_at = CASE WHEN $4::bigint IS NULL THEN NULL ELSE clock_timestamp() + make_interval(secs => $4::bigint / 1000.0) END,
              link = CASE WHEN $4::bigint IS NULL THEN NULL ELSE link END
        WHERE id = $1`,
      [id, attempts, code, retryInMs],
    );
  }

  /** Pending messages more than `graceMs` past their next attempt: their job was lost (or the queue gave up). */
  async dueForDelivery(graceMs: number, limit: number): Promise<{ messageId: string; municipalityId: string }[]> {
    return this.dataSource.query(
      `SELECT id AS "messageId", municipality_id AS "municipalityId" FROM message
        WHERE delivery_status = 'pending' AND next_attempt_at <= clock_timestamp() - make_interval(secs => $1::bigint / 1000.0)
        ORDER BY next_attempt_at LIMIT $2`,
      [graceMs, limit],
    );
  }

  async undeliveredCount(municipalityId: string): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM message WHERE municipality_id = $1 AND delivery_status = 'failed'",
      [municipalityId],
    );
    return n;
  }

  /** The municipality's messages in one delivery state, most recently tried first. */
  async byDeliveryStatus(
    municipalityId: string,
    status: 'pending' | 'failed',
    limit: number,
    offset: number,
  ): Promise<{ items: UndeliveredMessage[]; total: number }> {
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      'SELECT count(*)::int AS total FROM message WHERE municipality_id = $1 AND delivery_status = $2',
      [municipalityId, status],
    );
    const rows = await this.dataSource.query<
      (Omit<UndeliveredMessage, 'recipient'> & { recipientId: string | null; displayName: string | null })[]
    >(
      `SELECT msg.id, msg.kind, msg.referral_id AS "referralId", msg.subject, msg.channel, msg.recipient_id AS "recipientId",
              COALESCE(u.display_name, msg.recipient_label) AS "displayName", msg.delivery_status AS "deliveryStatus", msg.delivery_attempts AS "deliveryAttempts",
              msg.last_error_code AS "lastErrorCode", msg.last_attempt_at AS "lastAttemptAt", msg.next_attempt_at AS "nextAttemptAt",
              msg.created_at AS "createdAt"
         FROM message msg LEFT JOIN ${USER_FACTS} u ON u.id = msg.recipient_id
        WHERE msg.municipality_id = $1 AND msg.delivery_status = $2
        ORDER BY msg.last_attempt_at DESC NULLS LAST, msg.created_at DESC, msg.id LIMIT $3 OFFSET $4`,
      [municipalityId, status, limit, offset],
    );
    const items = rows.map(({ recipientId, displayName, ...rest }) => ({
      ...rest,
      recipient: recipientId || displayName ? { id: recipientId, displayName: displayName ?? '' } : null,
    }));
    return { items, total };
  }

  /** `GET /v1/notifications`: one user's messages, newest first; a withheld one never reached them, so it is not theirs to read. */
  async inbox(municipalityId: string, recipientId: string, limit: number, offset: number): Promise<{ items: unknown[]; total: number }> {
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      "SELECT count(*)::int AS total FROM message WHERE recipient_id = $1 AND municipality_id = $2 AND delivery_status <> 'withheld'",
      [recipientId, municipalityId],
    );
    const items: unknown[] = await this.dataSource.query(
      `SELECT id, kind, referral_id AS "referralId", subject, body, channel, created_at AS "createdAt", delivered_at AS "deliveredAt",
              delivery_status AS "deliveryStatus"
         FROM message WHERE recipient_id = $1 AND municipality_id = $2 AND delivery_status <> 'withheld' ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [recipientId, municipalityId, limit, offset],
    );
    return { items, total };
  }

  /** The case was erased: messages about it outside Bro keep their ledger, not the address, the words or a link. */
  async eraseAddresses(m: EntityManager, referralId: string): Promise<void> {
    await m.query(
      `UPDATE message SET address = NULL, text = NULL, link = NULL
        WHERE referral_id = $1 AND (address IS NOT NULL OR text IS NOT NULL OR link IS NOT NULL)`,
      [referralId],
    );
  }

  async smsOfCase(municipalityId: string, referralId: string): Promise<SentSms[]> {
    return this.dataSource.query(
      `SELECT id, kind, text, delivery_status AS "deliveryStatus", created_at AS "createdAt", delivered_at AS "deliveredAt"
         FROM message WHERE municipality_id = $1 AND referral_id = $2 AND channel = 'sms' ORDER BY created_at DESC, id`,
      [municipalityId, referralId],
    );
  }

  /** A hand-off was revoked: a link still waiting for delivery goes, and its message with it (nothing left to send). */
  async cancelLink(m: EntityManager, dedupeKey: string): Promise<void> {
    await m.query(
      `UPDATE message SET link = NULL, delivery_status = CASE WHEN delivery_status = 'pending' THEN 'failed' ELSE delivery_status END,
              last_error_code = CASE WHEN delivery_status = 'pending' THEN 'revoked' ELSE last_error_code END, next_attempt_at = NULL
        WHERE dedupe_key = $1`,
      [dedupeKey],
    );
  }
}
