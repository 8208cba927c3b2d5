import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hash chain over the audit log, one chain per municipality (ADR 0012).
 *
 * Each audit row gets a link `hash = sha256(previous hash || canonical(row))`. The
 * link is made by a deferred constraint trigger, i.e. at commit: the chain head of the
 * municipality is locked only for the last moment of a transaction, not for its whole
 * length, and the chain order is the commit order. `canonical` is length-prefixed so
 * no two rows share a text; `npm run audit:verify` recomputes it outside the database.
 */
export class AuditChain1763900000000 implements MigrationInterface {
  name = 'AuditChain1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chain_head (
        municipality_id uuid PRIMARY KEY,
        seq bigint NOT NULL,
        hash bytea NOT NULL
      );
      CREATE TABLE audit_chain (
        audit_id bigint PRIMARY KEY REFERENCES audit_log (id),
        municipality_id uuid NOT NULL,
        seq bigint NOT NULL,
        hash bytea NOT NULL,
        UNIQUE (municipality_id, seq)
      );

      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_chain_no_update BEFORE UPDATE OR DELETE ON audit_chain
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
      -- The head moves forward (UPDATE) but is never removed.
      CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

      -- Each field as N (null) or S<bytes>:<text>; the time in microseconds since 1970.
      CREATE FUNCTION audit_canonical(a audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT string_agg(CASE WHEN f IS NULL THEN 'N' ELSE 'S' || octet_length(f) || ':' || f END, '' ORDER BY n)
          FROM unnest(ARRAY[
            a.id::text, (extract(epoch FROM a.at) * 1000000)::bigint::text, a.municipality_id::text, a.user_id::text,
            a.role, a.action, a.citizen_id::text, a.referral_id::text, a.purpose, a.request_id
          ]) WITH ORDINALITY AS t (f, n)
      $$;

      CREATE FUNCTION audit_chain_append(a audit_log) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        link_seq bigint;
        link_hash bytea;
      BEGIN
        -- One statement both creates the head and locks it until commit.
        INSERT INTO audit_chain_head AS head (municipality_id, seq, hash)
             VALUES (a.municipality_id, 1, sha256(convert_to(audit_canonical(a), 'UTF8')))
        ON CONFLICT (municipality_id) DO UPDATE
              SET seq = head.seq + 1, hash = sha256(head.hash || convert_to(audit_canonical(a), 'UTF8'))
        RETURNING head.seq, head.hash INTO link_seq, link_hash;
        INSERT INTO audit_chain (audit_id, municipality_id, seq, hash) VALUES (a.id, a.municipality_id, link_seq, link_hash);
      END $$;

      CREATE FUNCTION audit_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM audit_chain_append(NEW);
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER audit_log_chain AFTER INSERT ON audit_log
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_link();

      -- Rows written before the chain existed join it in id order.
      DO $$
      DECLARE
        a audit_log;
      BEGIN
        FOR a IN SELECT * FROM audit_log ORDER BY id LOOP
          PERFORM audit_chain_append(a);
        END LOOP;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER audit_log_chain ON audit_log;
      DROP FUNCTION audit_chain_link();
      DROP FUNCTION audit_chain_append(audit_log);
      DROP FUNCTION audit_canonical(audit_log);
      DROP TABLE audit_chain;
      DROP TABLE audit_chain_head;
      DROP FUNCTION refuse_change();
    `);
  }
}
