import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SMS channel of the message port (issue 17): a message goes either to a user of Bro
 * (`recipient_id`, by e-mail or kept locally) or to an address outside Bro — a citizen's
 * phone number for an SMS (`address`). A mail may carry an address of its own too (a
 * public referrer's, ADR 0030); a mail to a host or følgeven (issue 16) has no user but a
 * label, so this check takes over the community migration's `message_recipient_known`. The same delivery
 * ledger (ADR 0017) covers both. The address is the citizen's own data and goes when the
 * case is erased, as does the text.
 */
export class SmsChannel1764700000000 implements MigrationInterface {
  name = 'SmsChannel1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE message
        ALTER COLUMN recipient_id DROP NOT NULL,
        ADD COLUMN address text,
        DROP CONSTRAINT message_channel_check,
        ADD CONSTRAINT message_channel_check CHECK (channel IN ('local', 'email', 'sms')),
        DROP CONSTRAINT IF EXISTS message_recipient_known,
        ADD CONSTRAINT message_has_one_recipient CHECK (
          (channel = 'sms' AND recipient_id IS NULL)
          OR (channel <> 'sms' AND (recipient_id IS NOT NULL OR recipient_label IS NOT NULL)));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM message WHERE channel = 'sms';
      ALTER TABLE message
        DROP CONSTRAINT message_has_one_recipient,
        DROP CONSTRAINT message_channel_check,
        ADD CONSTRAINT message_channel_check CHECK (channel IN ('local', 'email')),
        DROP COLUMN address,
        ALTER COLUMN recipient_id SET NOT NULL;
    `);
  }
}
