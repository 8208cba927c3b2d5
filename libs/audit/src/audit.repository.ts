import type { DataSource } from 'typeorm';

/** A municipality's chain head with the audit row it ends at. */
export interface ChainHead {
  municipalityId: string;
  seq: string;
  /** Null only when the head's link has gone (which verification reports). */
  auditId: string | null;
  hash: Buffer;
}

export interface ChainLink {
  municipalityId: string;
  seq: string;
  auditId: string;
  hash: Buffer;
}

/**
 * SQL on the audit chain tables for the anchors (ADR 0017). A plain class over a
 * DataSource so the CLI can use it without Nest.
 */
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every municipality's head, read in one statement (one snapshot). */
  async chainHeads(): Promise<ChainHead[]> {
    return this.dataSource.query(
      `SELECT h.municipality_id AS "municipalityId", h.seq::text AS seq, c.audit_id::text AS "auditId", h.hash
         FROM audit_chain_head h LEFT JOIN audit_chain c ON c.municipality_id = h.municipality_id AND c.seq = h.seq
        ORDER BY h.municipality_id`,
    );
  }

  /** The links at these (municipality, seq) places; places without a link are left out. */
  async linksAt(places: readonly { municipalityId: string; seq: string }[]): Promise<ChainLink[]> {
    if (places.length === 0) return [];
    return this.dataSource.query(
      `SELECT c.municipality_id AS "municipalityId", c.seq::text AS seq, c.audit_id::text AS "auditId", c.hash
         FROM unnest($1::uuid[], $2::bigint[]) AS p (municipality_id, seq)
         JOIN audit_chain c ON c.municipality_id = p.municipality_id AND c.seq = p.seq`,
      [places.map((p) => p.municipalityId), places.map((p) => p.seq)],
    );
  }
}
