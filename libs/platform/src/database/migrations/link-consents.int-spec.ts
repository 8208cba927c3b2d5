import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';
import { LinkConsents1764000000001 } from './1764000000001-link-consents';

/**
 * The backfill of ADR 0014 on data shaped as intake wrote it before: a case with its
 * five consents, later a link whose five consents were written against the case in the
 * link's own transaction (then its `referral.link` audit row), and a staff change after.
 */
describe('LinkConsents backfill (real PostgreSQL)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 4)).initialize();
  });
  afterAll(() => ds.destroy());

  const SCOPES: [string, string][] = [
    ['referral', 'true'],
    ['referrer_feedback', 'status'],
    ['share_with_host', 'false'],
    ['sms', 'true'],
    ['statistics', 'true'],
  ];

  it('gives a link’s consents back to the link, and leaves the case’s and staff’s where they are', async () => {
    const [{ id: m }] = await ds.query("INSERT INTO municipality (code, name) VALUES ('t-backfill', 'Backfill') RETURNING id");
    const user = async (name: string, role: string) =>
      (
        await ds.query('INSERT INTO app_user (municipality_id, username, display_name, role) VALUES ($1, $2, $2, $3) RETURNING id', [
          m,
          name,
          role,
        ])
      )[0].id as string;
    const [gp, otherGp, coordinator] = [
      await user('laege.a', 'referrer'),
      await user('laege.b', 'referrer'),
      await user('koordinator.c', 'coordinator'),
    ];
    const [{ id: citizen }] = await ds.query("INSERT INTO citizen (municipality_id, cpr_hmac) VALUES ($1, 'h') RETURNING id", [m]);
    const consents = async (by: string, referral: string, values: [string, string][]) => {
      for (const [scope, value] of values) {
        await ds.query(
          "INSERT INTO consent (municipality_id, citizen_id, referral_id, scope, value, method, captured_by) VALUES ($1, $2, $3, $4, $5, 'verbal', $6)",
          [m, citizen, referral, scope, value, by],
        );
      }
    };

    const [{ id: referral }] = await ds.query(
      "INSERT INTO referral (municipality_id, citizen_id, referrer_id, status, reasons) VALUES ($1, $2, $3, 'assigned', '{loneliness}') RETURNING id",
      [m, citizen, gp],
    );
    await consents(gp, referral, [
      ['referral', 'true'],
      ['referrer_feedback', 'none'],
      ['share_with_host', 'false'],
      ['sms', 'false'],
      ['statistics', 'true'],
    ]);
    // The link's transaction: the link row (created_at = the transaction's start), its consents, its audit row.
    const link = await ds.transaction(async (t) => {
      const [{ id }] = await t.query(
        "INSERT INTO referral_link (municipality_id, referral_id, referrer_id, reasons) VALUES ($1, $2, $3, '{bereavement}') RETURNING id",
        [m, referral, otherGp],
      );
      for (const [scope, value] of SCOPES) {
        await t.query(
          "INSERT INTO consent (municipality_id, citizen_id, referral_id, scope, value, method, captured_by) VALUES ($1, $2, $3, $4, $5, 'written', $6)",
          [m, citizen, referral, scope, value, otherGp],
        );
      }
      await t.query(
        "INSERT INTO audit_log (municipality_id, user_id, role, action, citizen_id, referral_id) VALUES ($1, $2, 'referrer', 'referral.link', $3, $4)",
        [m, otherGp, citizen, referral],
      );
      return id as string;
    });
    await consents(coordinator, referral, [['statistics', 'false']]);

    const runner = ds.createQueryRunner();
    try {
      await new LinkConsents1764000000001().up(runner);
    } finally {
      await runner.release();
    }
    const rows: { scope: string; value: string; captured_by: string; referral_link_id: string | null }[] = await ds.query(
      'SELECT scope, value, captured_by, referral_link_id FROM consent WHERE citizen_id = $1 ORDER BY id',
      [citizen],
    );
    expect(rows.filter((r) => r.referral_link_id === link).map((r) => [r.scope, r.value])).toEqual(SCOPES);
    expect(rows.filter((r) => r.referral_link_id === null).map((r) => [r.captured_by === gp ? 'gp' : 'staff', r.scope, r.value])).toEqual([
      ['gp', 'referral', 'true'],
      ['gp', 'referrer_feedback', 'none'],
      ['gp', 'share_with_host', 'false'],
      ['gp', 'sms', 'false'],
      ['gp', 'statistics', 'true'],
      ['staff', 'statistics', 'false'],
    ]);
  });
});
