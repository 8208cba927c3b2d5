import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20 / ADR 0034: the api keeps an active user for a moment instead of reading
 * `app_user` on every request. Any change to a user row — through Bro or straight in
 * the database — tells every api at commit (NOTIFY `bro_user_changed`, the user's id),
 * and each drops what it kept of that user.
 */
export class UserChangeNotify1765300000000 implements MigrationInterface {
  name = 'UserChangeNotify1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('bro_user_changed', OLD.id::text);
        RETURN NULL;
      END $$;
      CREATE TRIGGER app_user_changed AFTER UPDATE OR DELETE ON app_user
        FOR EACH ROW EXECUTE FUNCTION app_user_changed();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER app_user_changed ON app_user;
      DROP FUNCTION app_user_changed();
    `);
  }
}
