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

      CREATE FUNCTION audit_chain_link_pending(max_rows int) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        p record;
        a audit_log;
        linked int := 0;
      BEGIN
        FOR p IN SELECT audit_id FROM audit_chain_pending ORDER BY municipality_id, audit_id LIMIT max_rows FOR UPDATE SKIP LOCKED LOOP
          SELECT * INTO a FROM audit_log WHERE id = p.audit_id;
          PERFORM audit_chain_append(a);
          DELETE FROM audit_chain_pending WHERE audit_id = p.audit_id;
          linked := linked + 1;
        END LOOP;
        RETURN linked;
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
