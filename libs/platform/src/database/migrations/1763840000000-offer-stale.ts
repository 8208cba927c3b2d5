import { MigrationInterface, QueryRunner } from 'typeorm';

/** Offers not verified for a year are flagged stale by a nightly sweep; verifying clears it. */
export class OfferStale1763840000000 implements MigrationInterface {
  name = 'OfferStale1763840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE offer ADD COLUMN stale boolean NOT NULL DEFAULT false;
      CREATE INDEX offer_search ON offer (municipality_id, category, name);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX offer_search; ALTER TABLE offer DROP COLUMN stale;');
  }
}
