import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';
import { OneOutsideAddress1765200000000 } from './1765200000000-one-outside-address';

/**
 * ADR 0033's fold on rows shaped as the two models wrote them: a host's mail
 * (`recipient_email`), a phone-only følgeven's message that failed with `no_address`
 * (`recipient_phone`), and a citizen's SMS with its words in `body`.
 */
describe('OneOutsideAddress (real PostgreSQL)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 4)).initialize();
  });
  afterAll(() => ds.destroy());

  it('moves e-mail and phone into address, an SMS’s words into text, and drops the two columns', async () => {
    const migration = new OneOutsideAddress1765200000000();
    const runner = ds.createQueryRunner();
    try {
      await migration.down(runner);
      const [{ id: m }] = await ds.query("INSERT INTO municipality (code, name) VALUES ('t-outside', 'Outside') RETURNING id");
      const insert = (key: string, channel: string, cols: Record<string, unknown>) =>
        ds.query(
          `INSERT INTO message (municipality_id, recipient_id, kind, subject, body, dedupe_key, channel, delivery_status,
                                recipient_email, recipient_phone, recipient_label, text, address)
           VALUES ($1, NULL, 'k', 's', $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            m,
            JSON.stringify(cols.body ?? {}),
            key,
            channel,
            cols.status ?? 'sent',
            cols.email ?? null,
            cols.phone ?? null,
            cols.label ?? null,
            cols.text ?? null,
            cols.address ?? null,
          ],
        );
      await insert('mail', 'email', { email: 'birthe@forening.dk', phone: '+4520304050', label: 'vært i X', text: 'Hej {link}' });
      await insert('phone-only', 'email', { phone: '+4520304051', label: 'følgeven', text: 'Hej {link}', status: 'failed' });
      await insert('sms', 'sms', { address: '+4520304052', body: { text: 'Vi ses i morgen' } });
      await migration.up(runner);
      const rows = await ds.query(
        'SELECT dedupe_key AS key, channel, address, text, body FROM message WHERE municipality_id = $1 ORDER BY dedupe_key',
        [m],
      );
      expect(rows).toEqual([
        { key: 'mail', channel: 'email', address: 'birthe@forening.dk', text: 'Hej {link}', body: {} },
        { key: 'phone-only', channel: 'sms', address: '+4520304051', text: 'Hej {link}', body: {} },
        { key: 'sms', channel: 'sms', address: '+4520304052', text: 'Vi ses i morgen', body: {} },
      ]);
      const columns = await ds.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'message' AND column_name LIKE 'recipient_%' ORDER BY 1",
      );
      expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual(['recipient_id', 'recipient_label']);
    } finally {
      await runner.release();
    }
  });
});
