import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { returnedRows } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { Attachment, Organisation, Segment } from './care-communication';
import type { AckCode, MessageKind } from './medcom-codes';

export interface MessageRow {
  id: string;
  direction: 'in' | 'out';
  event: 'care-communication' | 'acknowledgement';
  headerId: string;
  referralId: string | null;
  kind: MessageKind | null;
  category: string | null;
  topic: string | null;
  priority: string | null;
  sender: Organisation;
  recipient: Organisation;
  segments: Segment[];
  attachments: Omit<Attachment, 'data'>[];
  ackCode: AckCode | null;
  deliveryStatus: string | null;
  createdAt: Date;
}

export interface DueMessage {
  id: string;
  municipalityId: string;
  event: 'care-communication' | 'acknowledgement';
  headerId: string;
  bundle: Record<string, unknown>;
  referralId: string | null;
  attempts: number;
  status: 'pending' | 'delivered';
  sendRule: SendRule | null;
}

/**
 * What the referrer channel's decision must still allow when a CareCommunication is
 * (re)sent (ADR 0038): the clinic it goes to, the milestone it tells of (null: a reply),
 * and whether its words need the `summary` level. No personal data.
 */
export interface SendRule {
  organisation: string;
  milestone: 'received' | 'assigned' | 'contacted' | 'conversation_held' | 'closed' | null;
  summary: boolean;
}

export interface NewMessageRow {
  municipalityId: string;
  direction: 'in' | 'out';
  event: 'care-communication' | 'acknowledgement';
  headerId: string;
  contentHash: string;
  version?: string | null;
  referralId?: string | null;
  kind?: MessageKind | null;
  category?: string | null;
  topic?: string | null;
  priority?: string | null;
  sender: Organisation;
  recipient: Organisation;
  segments?: Segment[];
  attachments?: Attachment[];
  patientName?: string | null;
  cprHmac?: string | null;
  bundle?: unknown;
  answers?: string | null;
  ackCode?: AckCode | null;
  ackDetail?: string | null;
  deliveryStatus?: 'pending' | 'invalid' | null;
  lastError?: string | null;
  dedupeKey?: string | null;
  sendRule?: SendRule | null;
}

const COLUMNS = `id, direction, event, header_id AS "headerId", referral_id AS "referralId", kind, category, topic, priority, sender,
  recipient, segments, (SELECT coalesce(jsonb_agg(a - 'data'), '[]') FROM jsonb_array_elements(attachments) a) AS attachments,
  ack_code AS "ackCode", delivery_status AS "deliveryStatus", created_at AS "createdAt"`;

/** All SQL on `medcom_clinic` and `medcom_message` (ADR 0022, 0028). */
@Injectable()
export class MedcomRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  manager(): EntityManager {
    return this.dataSource.manager;
  }

  source(): DataSource {
    return this.dataSource;
  }

  async clinic(m: EntityManager, municipalityId: string, organisation: string): Promise<{ sor: string; gln: string } | null> {
    const rows: { sor: string; gln: string }[] = await m.query(
      'SELECT sor, gln FROM medcom_clinic WHERE municipality_id = $1 AND organisation = $2',
      [municipalityId, organisation],
    );
    return rows[0] ?? null;
  }

  async clinics(municipalityId: string): Promise<{ organisation: string; sor: string; gln: string }[]> {
    return this.dataSource.query('SELECT organisation, sor, gln FROM medcom_clinic WHERE municipality_id = $1 ORDER BY organisation', [
      municipalityId,
    ]);
  }

  async putClinic(municipalityId: string, c: { organisation: string; sor: string; gln: string }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO medcom_clinic (municipality_id, organisation, sor, gln) VALUES ($1, $2, $3, $4)
       ON CONFLICT (municipality_id, organisation) DO UPDATE SET sor = EXCLUDED.sor, gln = EXCLUDED.gln, updated_at = now()`,
      [municipalityId, c.organisation, c.sor, c.gln],
    );
  }

  /** Inserts a message; null when one with the same direction and MessageHeader id (or dedupe key) is there already. */
  async insert(m: EntityManager, r: NewMessageRow): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO medcom_message (municipality_id, direction, event, header_id, content_hash, version, referral_id, kind, category,
         topic, priority, sender, recipient, segments, attachments, patient_name, cpr_hmac, bundle, answers, ack_code, ack_detail,
         delivery_status, next_attempt_at, last_error, dedupe_key, send_rule)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
         CASE WHEN $22 = 'pending' THEN now() END, $23, $24, $25)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        r.municipalityId,
        r.direction,
        r.event,
        r.headerId,
        r.contentHash,
        r.version ?? null,
        r.referralId ?? null,
        r.kind ?? null,
        r.category ?? null,
        r.topic ?? null,
        r.priority ?? null,
        JSON.stringify(r.sender),
        JSON.stringify(r.recipient),
        JSON.stringify(r.segments ?? []),
        JSON.stringify(r.attachments ?? []),
        r.patientName ?? null,
        r.cprHmac ?? null,
        r.bundle === undefined ? null : JSON.stringify(r.bundle),
        r.answers ?? null,
        r.ackCode ?? null,
        r.ackDetail ?? null,
        r.deliveryStatus ?? null,
        r.lastError ?? null,
        r.dedupeKey ?? null,
        r.sendRule ? JSON.stringify(r.sendRule) : null,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async inboundByHeader(m: EntityManager, municipalityId: string, headerId: string) {
    const rows: { id: string; contentHash: string; referralId: string | null }[] = await m.query(
      `SELECT id, content_hash AS "contentHash", referral_id AS "referralId" FROM medcom_message
        WHERE municipality_id = $1 AND direction = 'in' AND header_id = $2`,
      [municipalityId, headerId],
    );
    return rows[0] ?? null;
  }

  /** A case's thread, oldest first: CareCommunication both ways, without attachment content. */
  async ofCase(municipalityId: string, referralId: string): Promise<MessageRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM medcom_message WHERE municipality_id = $1 AND referral_id = $2 AND event = 'care-communication'
        ORDER BY created_at, id`,
      [municipalityId, referralId],
    );
  }

  /** An incoming CareCommunication of a case: what a reply answers. */
  async inboundOfCase(m: EntityManager, municipalityId: string, referralId: string, id: string) {
    const rows: { headerId: string; sender: Organisation; category: string | null; topic: string | null }[] = await m.query(
      `SELECT header_id AS "headerId", sender, category, topic FROM medcom_message
        WHERE municipality_id = $1 AND referral_id = $2 AND id = $3 AND direction = 'in' AND event = 'care-communication'`,
      [municipalityId, referralId, id],
    );
    return rows[0] ?? null;
  }

  async attachment(municipalityId: string, referralId: string, messageId: string, n: number) {
    const rows: { title: string; contentType: string | null; data: string | null }[] = await this.dataSource.query(
      `SELECT a->>'title' AS title, a->>'contentType' AS "contentType", a->>'data' AS data
         FROM medcom_message, jsonb_array_elements(attachments) WITH ORDINALITY AS x(a, n)
        WHERE municipality_id = $1 AND referral_id = $2 AND id = $3 AND x.n = $4`,
      [municipalityId, referralId, messageId, n + 1],
    );
    return rows[0] ?? null;
  }

  /** Inbound messages no case was found for (the coordinators' inbox), newest first. */
  async inbox(municipalityId: string): Promise<(MessageRow & { patientName: string | null })[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS}, patient_name AS "patientName" FROM medcom_message
        WHERE municipality_id = $1 AND referral_id IS NULL AND direction = 'in' AND event = 'care-communication'
        ORDER BY created_at DESC, id LIMIT 500`,
      [municipalityId],
    );
  }

  /** Attaches an inbox message to a case; the name it was known by goes (the case has the citizen). */
  async attach(m: EntityManager, municipalityId: string, id: string, referralId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `UPDATE medcom_message SET referral_id = $3, patient_name = NULL, cpr_hmac = NULL
        WHERE municipality_id = $1 AND id = $2 AND referral_id IS NULL AND direction = 'in' AND event = 'care-communication'
        RETURNING id`,
      [municipalityId, id, referralId],
    );
    return returnedRows(rows).length > 0;
  }

  /** An incoming Acknowledgement closes what it answers: the outbound message's ack and delivery state. */
  async acknowledge(m: EntityManager, municipalityId: string, answers: string, code: AckCode, detail: string | null) {
    const rows: { id: string; referralId: string | null }[] = await m.query(
      `UPDATE medcom_message SET ack_code = $3, ack_detail = $4,
              delivery_status = CASE WHEN $3 = 'ok' THEN 'acknowledged' ELSE 'failed' END, next_attempt_at = NULL
        WHERE municipality_id = $1 AND direction = 'out' AND header_id = $2 AND event = 'care-communication'
        RETURNING id, referral_id AS "referralId"`,
      [municipalityId, answers, code, detail],
    );
    return returnedRows<{ id: string; referralId: string | null }>(rows)[0] ?? null;
  }

  /** Outbound messages due for a (re)send, locked for this run. */
  async due(m: EntityManager, limit: number): Promise<DueMessage[]> {
    return m.query(
      `SELECT id, municipality_id AS "municipalityId", event, header_id AS "headerId", bundle, referral_id AS "referralId",
              delivery_attempts AS attempts, delivery_status AS status, send_rule AS "sendRule"
         FROM medcom_message WHERE delivery_status IN ('pending', 'delivered') AND next_attempt_at <= now()
        ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /** One delivery attempt's outcome. */
  async attempted(
    m: EntityManager,
    id: string,
    outcome: { status: 'pending' | 'delivered' | 'acknowledged' | 'failed'; nextInMs: number | null; error: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE medcom_message SET delivery_attempts = delivery_attempts + 1, delivery_status = $2,
              next_attempt_at = CASE WHEN $3::bigint IS NULL THEN NULL ELSE now() + ($3::bigint * interval '1 millisecond') END, last_error = $4
        WHERE id = $1 AND delivery_status IN ('pending', 'delivered')`,
      [id, outcome.status, outcome.nextInMs, outcome.error],
    );
  }

  /** Not sent after all: the decision asked again at send time refused it (a reason code, no personal data). */
  async withheld(m: EntityManager, id: string, reason: string): Promise<void> {
    await m.query(
      `UPDATE medcom_message SET delivery_status = 'withheld', next_attempt_at = NULL, last_error = $2
        WHERE id = $1 AND delivery_status IN ('pending', 'delivered')`,
      [id, reason],
    );
  }

  /** Outbound messages that failed (error acknowledgement, never acknowledged, or invalid) per case: the case's flag. */
  async failedOfCase(municipalityId: string, referralId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM medcom_message
        WHERE municipality_id = $1 AND referral_id = $2 AND direction = 'out' AND delivery_status IN ('failed', 'invalid')`,
      [municipalityId, referralId],
    );
    return n;
  }
}
