import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@bro/platform';
import { MessagesService } from './messages.service';
import { LocalTransport, MessageTransport, OutgoingMessage } from './transport';

describe('MessagesService (real PostgreSQL)', () => {
  let ds: DataSource;
  let municipalityId: string;
  let recipientId: string;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 2)).initialize();
    [{ id: municipalityId }] = await ds.query("INSERT INTO municipality (code, name) VALUES ($1, 'Beskeder') RETURNING id", [randomUUID()]);
    [{ id: recipientId }] = await ds.query(
      "INSERT INTO app_user (municipality_id, username, display_name, role) VALUES ($1, $2, 'Modtager', 'referrer') RETURNING id",
      [municipalityId, `m.${randomUUID()}`],
    );
  });
  afterAll(() => ds.destroy());

  const message = (dedupeKey: string) => ({ municipalityId, recipientId, kind: 'test', subject: 'Emne', body: { n: 1 }, dedupeKey });
  const row = async (dedupeKey: string) =>
    (await ds.query('SELECT delivered_at, channel FROM message WHERE dedupe_key = $1', [dedupeKey]))[0] as {
      delivered_at: Date | null;
      channel: string;
    };

  it('stores a message for the local transport as delivered in the one statement that writes it, once per key', async () => {
    const messages = new MessagesService(ds, new LocalTransport());
    const key = `k-${randomUUID()}`;
    expect(await messages.send(message(key))).toBe(true);
    expect((await row(key)).delivered_at).toBeInstanceOf(Date);
    expect(await messages.send(message(key))).toBe(false);
  });

  it('hands a message to a delivering transport and marks it delivered only when it was', async () => {
    const sent: OutgoingMessage[] = [];
    let succeed = true;
    const transport: MessageTransport = {
      channel: 'email',
      deliver: async (m) => {
        sent.push(m);
        return succeed;
      },
    };
    const messages = new MessagesService(ds, transport);
    const ok = `k-${randomUUID()}`;
    expect(await messages.send(message(ok))).toBe(true);
    expect((await row(ok)).delivered_at).toBeInstanceOf(Date);
    succeed = false;
    const failed = `k-${randomUUID()}`;
    expect(await messages.send(message(failed))).toBe(true);
    expect(await row(failed)).toEqual({ delivered_at: null, channel: 'email' });
    expect(sent).toHaveLength(2);
  });
});
