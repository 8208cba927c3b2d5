import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finding a citizen by a fragment of their name, whatever the case and accents (issue 15,
 * ADR 0024): `bro_fold(text)` lower-cases and strips accents with the `unaccent`
 * dictionary (ø → o, æ → ae, å → a, é → e), declared IMMUTABLE so an index can hold it,
 * and a trigram index on the folded name serves `LIKE '%fragment%'`. Both extensions are
 * trusted contrib extensions (PostgreSQL 13+): the database owner may create them.
 * The dictionary is named with its schema so the function does not depend on search_path.
 */
export class CitizenSearch1764400000000 implements MigrationInterface {
  name = 'CitizenSearch1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
      CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
      CREATE OR REPLACE FUNCTION bro_fold(text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
      CREATE INDEX IF NOT EXISTS citizen_name_folded ON citizen USING gin (bro_fold(name) public.gin_trgm_ops);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS citizen_name_folded;
      DROP FUNCTION IF EXISTS bro_fold(text);
    `);
  }
}
