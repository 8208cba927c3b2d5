import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MUNICIPALITY_SETTINGS } from '@bro/auth';
import { CASE_FACTS, REFERRAL_LINK_FACTS } from '@bro/referral';
import { DataSource } from 'typeorm';

/** One sender's record of its FHIR referral (`fhir_referral_in`, owned here). */
export interface SenderRow {
  sender_id: string;
  sender_organisation: string | null;
  identifier_system: string | null;
  identifier_value: string;
  requester_reference: string | null;
  requester_display: string | null;
  subject_reference: string | null;
}

/**
 * The FHIR face's own table (`fhir_referral_in`, ADR 0031) and its reads. The candidates of a Task search and the
 * owning organisation come from the read models the referral and auth libs publish
 * (ADR 0022); the Tasks themselves from the referral views, through the disclosure policy.
 */
@Injectable()
export class FhirRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Ids of the municipality's referrals changed at or after `since` (a linked referral
   * changes with its case, ADR 0014), oldest change first, at most 1000; for a referrer,
   * only those they or their organisation sent or joined — a narrowing pre-filter only.
   */
  async changedSince(municipalityId: string, since: Date, referrer?: { userId: string; organisation: string | null }): Promise<string[]> {
    const params: unknown[] = [municipalityId, since];
    let mine = '';
    if (referrer) {
      params.push(referrer.userId, referrer.organisation);
      mine = `AND (r.referrer_id = $3 OR r.referrer_organisation = $4
                   OR EXISTS (SELECT 1 FROM ${REFERRAL_LINK_FACTS} l WHERE l.referral_id = r.id AND (l.referrer_id = $3 OR l.referrer_organisation = $4)))`;
    }
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT r.id FROM ${CASE_FACTS} r LEFT JOIN ${CASE_FACTS} s ON s.id = r.duplicate_of AND r.status = 'linked'
        WHERE r.municipality_id = $1 AND GREATEST(r.updated_at, s.updated_at) >= $2 ${mine}
        ORDER BY GREATEST(r.updated_at, s.updated_at), r.id LIMIT 1000`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /** The municipality's code and name, the owner of its Tasks. */
  async municipality(municipalityId: string): Promise<{ code: string; name: string }> {
    const [row]: { code: string; name: string }[] = await this.dataSource.query(
      `SELECT code, name FROM ${MUNICIPALITY_SETTINGS} mu WHERE id = $1`,
      [municipalityId],
    );
    return row;
  }

  /** Keeps what a sender said about its referral; a repeat of the same sender for the same case keeps the first. */
  async saveSender(
    referralId: string,
    sender: { userId: string; organisation: string | null },
    record: {
      identifier: { system?: string; value: string };
      requester?: { reference?: string; display?: string };
      subject?: string;
    },
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO fhir_referral_in (referral_id, sender_id, sender_organisation, identifier_system, identifier_value,
                                     requester_reference, requester_display, subject_reference)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (referral_id, sender_id) DO NOTHING`,
      [
        referralId,
        sender.userId,
        sender.organisation,
        record.identifier.system ?? null,
        record.identifier.value,
        record.requester?.reference ?? null,
        record.requester?.display ?? null,
        record.subject ?? null,
      ],
    );
  }

  /** Every sender's record of a referral, oldest first. */
  async senders(referralId: string): Promise<SenderRow[]> {
    return this.dataSource.query(
      `SELECT sender_id, sender_organisation, identifier_system, identifier_value, requester_reference, requester_display, subject_reference
         FROM fhir_referral_in WHERE referral_id = $1 ORDER BY created_at, sender_id`,
      [referralId],
    );
  }
}
