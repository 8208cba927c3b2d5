import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One model for a message to someone outside Bro (ADR 0033). Issue 16 gave a host's or
 * følgeven's message `recipient_email`/`recipient_phone` and a `text`; issue 17 gave an
 * SMS `address` and kept its words in `body`; a public referrer's mail had `address` too.
 * Now every message outside Bro has one `address` (an e-mail for mail, a phone number
 * for `channel = 'sms'`), its words in `text` (`{link}` where the link goes), and a
 * `recipient_label` when it is not the citizen. Erasure clears `address`, `text` and
 * `link` alike. A host's message that had only a phone (it failed with `no_address`)
 * becomes the SMS it should have been.
 */
export class OneOutsideAddress1765200000000 implements MigrationInterface {
  name = 'OneOutsideAddress1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE message SET address = recipient_email WHERE address IS NULL AND recipient_email IS NOT NULL;
      UPDATE message SET address = recipient_phone, channel = 'sms'
       WHERE address IS NULL AND recipient_id IS NULL AND recipient_phone IS NOT NULL AND channel <> 'sms';
      UPDATE message SET text = body->>'text', body = '{}'::jsonb WHERE channel = 'sms' AND text IS NULL AND body ? 'text';
      ALTER TABLE message DROP COLUMN recipient_email, DROP COLUMN recipient_phone;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE message ADD COLUMN recipient_email text, ADD COLUMN recipient_phone text;
      UPDATE message SET recipient_email = address WHERE recipient_label IS NOT NULL AND channel <> 'sms';
      UPDATE message SET recipient_phone = address WHERE recipient_label IS NOT NULL AND channel = 'sms';
      UPDATE message SET body = jsonb_build_object('text', text), text = NULL WHERE channel = 'sms' AND recipient_label IS NULL;
    `);
  }
}
