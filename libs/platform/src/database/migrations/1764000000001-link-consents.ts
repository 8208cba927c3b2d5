import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data backfill for PossibleDuplicates1764000000000 (ADR 0014): before it, a linked
 * referral's consents were written against the open case, where — newest row wins —
 * they replaced the first referrer's. Gives them back to their link. A link's five
 * consent rows were written in the link's own transaction, by its referrer, after the
 * link row (created_at is the transaction's start) and before its `referral.link`
 * audit row: that window, and only it, identifies them. Rows no window claims stay
 * with the case.
 */
export class LinkConsents1764000000001 implements MigrationInterface {
  name = 'LinkConsents1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE consent c SET referral_link_id = l.id
        FROM referral_link l
       WHERE c.referral_link_id IS NULL
         AND c.referral_id = l.referral_id
         AND c.captured_by = l.referrer_id
         AND c.captured_at >= l.created_at
         AND c.captured_at <= (SELECT min(a.at) FROM audit_log a
                                WHERE a.action = 'referral.link' AND a.referral_id = l.referral_id
                                  AND a.user_id = l.referrer_id AND a.at >= l.created_at)
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('UPDATE consent SET referral_link_id = NULL WHERE referral_link_id IS NOT NULL');
  }
}
