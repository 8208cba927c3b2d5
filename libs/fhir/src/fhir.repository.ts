import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MUNICIPALITY_SETTINGS } from '@bro/auth';
import { CASE_FACTS, REFERRAL_LINK_FACTS } from '@bro/referral';
import { DataSource } from 'typeorm';

/**
 * The FHIR face's own reads. It owns no table: the candidates of a Task search and the
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
}
