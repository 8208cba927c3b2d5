import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Name-and-address protection (navne- og adressebeskyttelse, ADR 0015): the marking is
 * kept on the citizen, so the disclosure policy can show the address and phone only to
 * coordinators and the brobygger who holds the case.
 */
export class AddressProtection1764010000000 implements MigrationInterface {
  name = 'AddressProtection1764010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE citizen ADD COLUMN address_protected boolean NOT NULL DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE citizen DROP COLUMN address_protected');
  }
}
