import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0042: an audit row is linked into its municipality's chain (ADR 0012) just after
 * its transaction commits, by a linker in the worker, instead of at commit by a deferred
 * trigger. Linking at commit locked the municipality's chain head from the link until the
 * commit was flushed to disk, so every transaction that wrote an audit row in a
 * municipality committed in turn, one disk flush each; under load that lock set the pace
 * of intake and matching. Now a transaction only notes its rows in `audit_chain_pending`
 * (no lock on anything shared), and the linker links many at a time: one head lock and
 * one flush per batch.
 *
 * `audit_chain_link_pending` takes pending rows in (municipality, id) order, so two
 * linkers lock heads in the same order and never deadlock; SKIP LOCKED gives each its own
 * rows. The chain order is the order of linking.
 */
export class AuditChainLinkedAfterCommit1765700000001 implements MigrationInterface {
  name = 'AuditChainLinkedAfterCommit1765700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chain_pending (
        audit_id bigint PRIMARY KEY,
        municipality_id uuid NOT NULL
      );
      CREATE INDEX audit_chain_pending_order ON audit_chain_pending (municipality_id, audit_id);

      DROP TRIGGER audit_log_chain ON audit_log;
      DROP FUNCTION audit_chain_link();
      CREATE FUNCTION audit_chain_note() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_chain_pending (audit_id, municipality_id) VALUES (NEW.id, NEW.municipality_id);
        RETURN NULL;
      END $$;
      CREATE TRIGGER audit_log_pending AFTER INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_chain_note();

      -- The same links as audit_chain_append makes one by one (a first link is sha256 of the
      -- row, as sha256 of the empty hash and the row), but each head is read and written once
      -- per batch and the links go in with one INSERT: updating one head row a thousand times
      -- in one transaction grows a chain of row versions that each update walks again.
      CREATE FUNCTION audit_chain_link_pending(max_rows int) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        r record;
        here uuid := NULL;
        head_seq bigint;
        head_hash bytea;
        ids bigint[] := '{}';
        places uuid[] := '{}';
        seqs bigint[] := '{}';
        hashes bytea[] := '{}';
      BEGIN
        FOR r IN
          WITH picked AS (
            SELECT audit_id, municipality_id FROM audit_chain_pending
             ORDER BY municipality_id, audit_id LIMIT max_rows FOR UPDATE SKIP LOCKED)
          SELECT p.municipality_id, a.id, convert_to(audit_canonical(a), 'UTF8') AS canonical
            FROM picked p JOIN audit_log a ON a.id = p.audit_id
           ORDER BY p.municipality_id, p.audit_id
        LOOP
          IF here IS DISTINCT FROM r.municipality_id THEN
            IF here IS NOT NULL THEN
              UPDATE audit_chain_head SET seq = head_seq, hash = head_hash WHERE municipality_id = here;
            END IF;
            here := r.municipality_id;
            INSERT INTO audit_chain_head (municipality_id, seq, hash) VALUES (here, 0, '') ON CONFLICT (municipality_id) DO NOTHING;
            SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_head WHERE municipality_id = here FOR UPDATE;
          END IF;
          head_seq := head_seq + 1;
          head_hash := sha256(head_hash || r.canonical);
          ids := ids || r.id;
          places := places || here;
          seqs := seqs || head_seq;
          hashes := hashes || head_hash;
        END LOOP;
        IF here IS NULL THEN
          RETURN 0;
        END IF;
        UPDATE audit_chain_head SET seq = head_seq, hash = head_hash WHERE municipality_id = here;
        INSERT INTO audit_chain (audit_id, municipality_id, seq, hash) SELECT * FROM unnest(ids, places, seqs, hashes);
        DELETE FROM audit_chain_pending WHERE audit_id = ANY (ids);
        RETURN cardinality(ids);
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN WHILE audit_chain_link_pending(10000) > 0 LOOP END LOOP; END $$;
      DROP FUNCTION audit_chain_link_pending(int);
      DROP TRIGGER audit_log_pending ON audit_log;
      DROP FUNCTION audit_chain_note();
      DROP TABLE audit_chain_pending;
      CREATE FUNCTION audit_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM audit_chain_append(NEW);
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER audit_log_chain AFTER INSERT ON audit_log
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_link();
    `);
  }
}
