import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20 / ADR 0034: linking an audit row into its municipality's chain (ADR 0012)
 * built the row's canonical text twice — the head's INSERT values are evaluated even
 * when the row conflicts and is updated instead. Every list read writes one row per
 * case shown (ADR 0005), so a page of 50 built 100. Same links, same hashes: the
 * canonical text is built once per row.
 */
export class AuditChainHashOnce1765300000001 implements MigrationInterface {
  name = 'AuditChainHashOnce1765300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_chain_append(a audit_log) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        link_seq bigint;
        link_hash bytea;
        canonical bytea := convert_to(audit_canonical(a), 'UTF8');
      BEGIN
        -- One statement both creates the head and locks it until commit.
        INSERT INTO audit_chain_head AS head (municipality_id, seq, hash)
             VALUES (a.municipality_id, 1, sha256(canonical))
        ON CONFLICT (municipality_id) DO UPDATE
              SET seq = head.seq + 1, hash = sha256(head.hash || canonical)
        RETURNING head.seq, head.hash INTO link_seq, link_hash;
        INSERT INTO audit_chain (audit_id, municipality_id, seq, hash) VALUES (a.id, a.municipality_id, link_seq, link_hash);
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_chain_append(a audit_log) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        link_seq bigint;
        link_hash bytea;
      BEGIN
        INSERT INTO audit_chain_head AS head (municipality_id, seq, hash)
             VALUES (a.municipality_id, 1, sha256(convert_to(audit_canonical(a), 'UTF8')))
        ON CONFLICT (municipality_id) DO UPDATE
              SET seq = head.seq + 1, hash = sha256(head.hash || convert_to(audit_canonical(a), 'UTF8'))
        RETURNING head.seq, head.hash INTO link_seq, link_hash;
        INSERT INTO audit_chain (audit_id, municipality_id, seq, hash) VALUES (a.id, a.municipality_id, link_seq, link_hash);
      END $$;
    `);
  }
}
