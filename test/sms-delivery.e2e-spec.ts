import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MessagesService } from '@bro/notification';
import { DataSource } from 'typeorm';
import { bootApi, bootWorker, caller, createMunicipality, createUser, TestSmsGateway, waitFor } from './kit';

/**
 * The SMS channel of the message port (issue 17) against a real HTTP server playing the
 * municipality's SMS gateway: the same ledger as mail (ADR 0017) — retried after a
 * temporary refusal and delivered once, failed for good on a permanent one, listed for
 * coordinators without the number, and erased with the case.
 */
describe('SMS through the gateway adapter (e2e)', () => {
  let gateway: TestSmsGateway;
  const t = {} as { api: NestFastifyApplication; worker: NestFastifyApplication; ds: DataSource; call: ReturnType<typeof caller> };

  beforeAll(async () => {
    gateway = await TestSmsGateway.start();
    const env = { SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_TOKEN: 'gateway-secret' };
    t.api = await bootApi(env);
    t.worker = await bootWorker({ WORKER_PORT: '0', ...env });
    t.ds = t.api.get(DataSource);
    t.call = caller(t.api);
  });
  afterAll(async () => {
    await t.worker.close();
    await t.api.close();
    await gateway.stop();
  });
  afterEach(() => {
    gateway.refuse = { next: [] };
  });

  const ledger = async (dedupeKey: string) =>
    (
      await t.ds.query(
        `SELECT id, delivery_status AS status, delivery_attempts AS attempts, last_error_code AS "lastErrorCode", channel
           FROM message WHERE dedupe_key = $1`,
        [dedupeKey],
      )
    )[0] as { id: string; status: string; attempts: number; lastErrorCode: string | null; channel: string } | undefined;

  async function send(municipalityId: string, phone: string, key: string) {
    const stored = await t.api.get(MessagesService).send({
      municipalityId,
      to: { phone },
      kind: 'test_sms',
      text: `Hej, vi ses i morgen (${key})`,
      dedupeKey: key,
    });
    expect(stored).toBe(true);
    // The same key again stores and sends nothing.
    expect(await t.api.get(MessagesService).send({ municipalityId, to: { phone }, kind: 'test_sms', text: 'x', dedupeKey: key })).toBe(
      false,
    );
  }

  it('delivers once after the gateway refused twice with 503, with the bearer token', async () => {
    const m = await createMunicipality(t.ds);
    gateway.refuse = { next: [503, 503] };
    const key = `sms-retry-${m}`;
    await send(m, '+4520000001', key);
    const sent = await waitFor('the SMS sent', async () => {
      const l = await ledger(key);
      return l?.status === 'sent' && l;
    });
    expect(sent).toMatchObject({ channel: 'sms', attempts: 3, lastErrorCode: 'http_503' });
    expect(gateway.to('+4520000001').filter((s) => s.text.includes(key))).toEqual([
      { to: '+4520000001', text: `Hej, vi ses i morgen (${key})`, authorization: 'Bearer gateway-secret' },
    ]);
  });

  it('fails at once on a permanent refusal (400), listed for coordinators without the number', async () => {
    const m = await createMunicipality(t.ds);
    const coordinator = await createUser(t.ds, m, 'coordinator');
    gateway.refuse = { next: [400] };
    const key = `sms-refused-${m}`;
    await send(m, '+4520000002', key);
    const failed = await waitFor('the SMS failed', async () => {
      const l = await ledger(key);
      return l?.status === 'failed' && l;
    });
    expect(failed).toMatchObject({ attempts: 1, lastErrorCode: 'http_400' });
    const list = await t.call(coordinator, 'GET', '/v1/notifications/undelivered');
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: failed.id, channel: 'sms', recipient: null, lastErrorCode: 'http_400' }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain('+4520000002');
    expect((await t.call(coordinator, 'GET', '/v1/queues/summary')).body.undeliveredMessages).toBe(1);
  });

  it('counts a gateway that is not there as a temporary failure (retried, not lost)', async () => {
    const m = await createMunicipality(t.ds);
    const key = `sms-down-${m}`;
    await gateway.stop(); // the last test: nothing after it needs the gateway
    await send(m, '+4520000003', key);
    const pending = await waitFor('a refused attempt', async () => {
      const l = await ledger(key);
      return l && l.attempts >= 1 && l;
    });
    expect(pending).toMatchObject({ status: 'pending', lastErrorCode: 'econnrefused' });
  });
});
