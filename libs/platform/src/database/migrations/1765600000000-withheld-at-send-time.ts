import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0038: every send attempt asks the disclosure decision again. A message it no
 * longer allows is `withheld` (not `failed`: nothing for a coordinator to mend). MedCom
 * messages keep what the decision needs at send time (`send_rule`: the clinic, the
 * milestone told of, whether the words need the `summary` level); rows queued before
 * get it from what they were queued as — a milestone from its dedupe key, a reply to
 * the clinic whose SOR or GLN it went to.
 */
export class WithheldAtSendTime1765600000000 implements MigrationInterface {
  name = 'WithheldAtSendTime1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE message DROP CONSTRAINT message_delivery_status_check,
        ADD CONSTRAINT message_delivery_status_check CHECK (delivery_status IN ('pending', 'sent', 'failed', 'withheld'));
      ALTER TABLE medcom_message DROP CONSTRAINT medcom_message_delivery_status_check,
        ADD CONSTRAINT medcom_message_delivery_status_check
          CHECK (delivery_status IN ('pending', 'delivered', 'acknowledged', 'failed', 'invalid', 'withheld')),
        ADD COLUMN send_rule jsonb;
      UPDATE medcom_message SET send_rule = jsonb_build_object(
          'organisation', substring(dedupe_key FROM '^milestone:[^:]+:(.*):[^:]+$'),
          'milestone', substring(dedupe_key FROM ':([^:]+)$'),
          'summary', coalesce(segments->0->>'text', '') LIKE '%Opsummering (godkendt af borgeren)%')
        WHERE direction = 'out' AND event = 'care-communication' AND dedupe_key LIKE 'milestone:%';
      UPDATE medcom_message msg SET send_rule = jsonb_build_object('organisation', c.organisation, 'milestone', NULL, 'summary', true)
        FROM medcom_clinic c
       WHERE msg.direction = 'out' AND msg.event = 'care-communication' AND msg.kind = 'reply' AND msg.send_rule IS NULL
         AND c.municipality_id = msg.municipality_id AND (c.sor = msg.recipient->>'sor' OR c.gln = msg.recipient->>'gln');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE message SET delivery_status = 'failed' WHERE delivery_status = 'withheld';
      UPDATE medcom_message SET delivery_status = 'failed' WHERE delivery_status = 'withheld';
      ALTER TABLE medcom_message DROP COLUMN send_rule, DROP CONSTRAINT medcom_message_delivery_status_check,
        ADD CONSTRAINT medcom_message_delivery_status_check CHECK (delivery_status IN ('pending', 'delivered', 'acknowledged', 'failed', 'invalid'));
      ALTER TABLE message DROP CONSTRAINT message_delivery_status_check,
        ADD CONSTRAINT message_delivery_status_check CHECK (delivery_status IN ('pending', 'sent', 'failed'));
    `);
  }
}
