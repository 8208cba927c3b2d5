import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0037: a list page is one audit row naming every case it showed, not one row per
 * case — each row was linked into the municipality's hash chain by its own trigger call,
 * which was most of a follow-up page's time at scale (issue 20, bench/README.md).
 *
 *   - `citizen_ids` / `referral_ids`: the page's cases, pairwise (the n-th citizen is the
 *     n-th case's); both or neither. A row about one case keeps naming it in `citizen_id`
 *     and `referral_id`, as before.
 *   - The canonical text (ADR 0012) gains the two arrays at its end, only for rows that
 *     have them: every row written before keeps its text, so existing chains verify.
 *   - A GIN index finds the rows that name a citizen, for the access log and the export.
 * The check is NOT VALID: rows written before have neither column, and checking them
 * would read the whole log at deploy; it holds for every row written from now on.
 */
export class AuditListings1765500000001 implements MigrationInterface {
  name = 'AuditListings1765500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_log ADD COLUMN citizen_ids uuid[], ADD COLUMN referral_ids uuid[];
      -- COALESCE: a CHECK that comes out NULL passes, and one array without the other would.
      ALTER TABLE audit_log ADD CONSTRAINT audit_log_listed CHECK (COALESCE(
        (citizen_ids IS NULL AND referral_ids IS NULL)
        OR (cardinality(citizen_ids) > 0 AND cardinality(citizen_ids) = cardinality(referral_ids)
            AND array_position(citizen_ids, NULL) IS NULL AND array_position(referral_ids, NULL) IS NULL),
        false)) NOT VALID;
      CREATE INDEX audit_log_citizens ON audit_log USING gin (citizen_ids) WHERE citizen_ids IS NOT NULL;

      CREATE OR REPLACE FUNCTION audit_canonical(a audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT string_agg(CASE WHEN f IS NULL THEN 'N' ELSE 'S' || octet_length(f) || ':' || f END, '' ORDER BY n)
          FROM unnest(ARRAY[
            a.id::text, (extract(epoch FROM a.at) * 1000000)::bigint::text, a.municipality_id::text, a.user_id::text,
            a.role, a.action, a.citizen_id::text, a.referral_id::text, a.purpose, a.request_id
          ] || CASE WHEN a.citizen_ids IS NULL THEN ARRAY[]::text[] ELSE ARRAY[a.citizen_ids::text, a.referral_ids::text] END)
          WITH ORDINALITY AS t (f, n)
      $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_canonical(a audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT string_agg(CASE WHEN f IS NULL THEN 'N' ELSE 'S' || octet_length(f) || ':' || f END, '' ORDER BY n)
          FROM unnest(ARRAY[
            a.id::text, (extract(epoch FROM a.at) * 1000000)::bigint::text, a.municipality_id::text, a.user_id::text,
            a.role, a.action, a.citizen_id::text, a.referral_id::text, a.purpose, a.request_id
          ]) WITH ORDINALITY AS t (f, n)
      $$;
      DROP INDEX audit_log_citizens;
      ALTER TABLE audit_log DROP CONSTRAINT audit_log_listed, DROP COLUMN referral_ids, DROP COLUMN citizen_ids;
    `);
  }
}
