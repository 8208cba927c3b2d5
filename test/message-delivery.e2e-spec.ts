import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { QUEUE_PROCESSOR } from '../apps/worker/src/jobs/queue-processors';
import { bootApi, bootWorker, caller, createMunicipality, createUser, deliverUntilSettled, referralBody, TestUser, waitFor } from './kit';
import { TestSmtpServer } from './kit/smtp';

/**
 * Mail to staff is delivered at least once, through a ledger on the message row
 * (ADR 0017), against a real SMTP server on this machine: a server that refuses for a
 * while gets the mail exactly once after the retries; one that refuses for good leaves
 * the message `failed`, counted and listed for coordinators; a Redis that lost the
 * delivery job loses no mail, because the sweep re-enqueues from the rows.
 */
describe('message delivery over SMTP (e2e)', () => {
  let smtp: TestSmtpServer;
  const t = {} as { api: NestFastifyApplication; worker: NestFastifyApplication; ds: DataSource; call: ReturnType<typeof caller> };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t.api = await bootApi({ SMTP_URL: smtp.url });
    t.worker = await bootWorker({ WORKER_PORT: '0', SMTP_URL: smtp.url });
    t.ds = t.api.get(DataSource);
    t.call = caller(t.api);
  });
  afterAll(async () => {
    await t.worker.close();
    await t.api.close();
    await smtp.stop();
  });
  afterEach(() => {
    smtp.refuse = { next: [] };
  });

  /** A municipality with no area: a referral is stored and the GP hears "received" — one message, nothing else. */
  async function world() {
    const m = await createMunicipality(t.ds);
    const gp = await createUser(t.ds, m, 'referrer');
    const coordinator = await createUser(t.ds, m, 'coordinator');
    const brobygger = await createUser(t.ds, m, 'brobygger');
    await t.ds.query('UPDATE app_user SET email = $2 WHERE id = $1', [gp.id, `${gp.username}@example.dk`]);
    return { m, gp, coordinator, brobygger };
  }

  async function refer(gp: TestUser) {
    const res = await t.call(gp, 'POST', '/v1/referrals', referralBody());
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const message = await waitFor('the “received” message stored', async () => {
      const [row] = await t.ds.query("SELECT id FROM message WHERE referral_id = $1 AND kind = 'referrer_milestone'", [id]);
      return row as { id: string } | undefined;
    });
    return { referralId: id, messageId: message.id, subject: `Social henvisning ${id.slice(0, 8)}` };
  }

  const ledger = async (messageId: string) =>
    (
      await t.ds.query(
        `SELECT delivery_status AS status, delivery_attempts AS attempts, last_error_code AS "lastErrorCode", delivered_at AS "deliveredAt"
           FROM message WHERE id = $1`,
        [messageId],
      )
    )[0] as { status: string; attempts: number; lastErrorCode: string | null; deliveredAt: Date | null };

  const notificationQueue = () => t.worker.get<Queue>(getQueueToken('notification'), { strict: false });

  /** Delivery jobs for the message still waiting, delayed or running: none once it is settled. */
  const openDeliveries = async (messageId: string) =>
    (await notificationQueue().getJobs(['waiting', 'delayed', 'active', 'prioritized'])).filter(
      (j) => j.name === 'notification.deliver' && (j.data as { messageId: string }).messageId === messageId,
    ).length;

  it('delivers exactly once after the server refused twice with 451 (retried with backoff)', async () => {
    const w = await world();
    smtp.refuse = { next: [451, 451] };
    const before = smtp.attempts;
    const { messageId, subject } = await refer(w.gp);

    const settled = await waitFor('the message sent', async () => {
      const l = await ledger(messageId);
      return l.status === 'sent' && l;
    });
    expect(settled).toMatchObject({ status: 'sent', attempts: 3, lastErrorCode: 'smtp_451' });
    expect(settled.deliveredAt).toBeInstanceOf(Date);
    expect(smtp.attempts - before).toBe(3);
    await waitFor('no delivery job left', async () => (await openDeliveries(messageId)) === 0);
    const mails = smtp.mailsAbout(subject);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual([`${w.gp.username}@example.dk`]);
    // The GP's inbox says it went out.
    const inbox = await t.call(w.gp, 'GET', '/v1/notifications');
    expect(inbox.body.items).toEqual([expect.objectContaining({ id: messageId, deliveryStatus: 'sent', channel: 'email' })]);
  });

  it('marks a message the server refuses for good (550) as failed, counted and listed for coordinators', async () => {
    const w = await world();
    smtp.refuse = { next: [], always: 550 };
    const { messageId, referralId, subject } = await refer(w.gp);

    const failed = await waitFor('the message failed', async () => {
      const l = await ledger(messageId);
      return l.status === 'failed' && l;
    });
    // A permanent refusal is not retried.
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: 'smtp_550', deliveredAt: null });
    expect(await openDeliveries(messageId)).toBe(0);
    expect(smtp.mailsAbout(subject)).toHaveLength(0);

    const summary = await t.call(w.coordinator, 'GET', '/v1/queues/summary');
    expect(summary.status).toBe(200);
    expect(summary.body.undeliveredMessages).toBe(1);
    const list = await t.call(w.coordinator, 'GET', '/v1/notifications/undelivered');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      total: 1,
      items: [
        expect.objectContaining({
          id: messageId,
          kind: 'referrer_milestone',
          referralId,
          recipient: { id: w.gp.id, displayName: 'Test referrer' },
          deliveryStatus: 'failed',
          deliveryAttempts: 1,
          lastErrorCode: 'smtp_550',
        }),
      ],
    });
    // No address, no server text: the error is a code.
    expect(JSON.stringify(list.body)).not.toContain('@example.dk');
    expect((await t.call(w.coordinator, 'GET', '/v1/notifications/undelivered?status=pending')).body.total).toBe(0);
    expect((await t.call(w.coordinator, 'GET', '/v1/notifications/undelivered?status=sent')).status).toBe(400);
    expect((await t.call(w.brobygger, 'GET', '/v1/notifications/undelivered')).status).toBe(403);
    expect((await t.call(w.gp, 'GET', '/v1/notifications/undelivered')).status).toBe(403);
    // Another municipality's coordinator sees none of it.
    const other = await world();
    expect((await t.call(other.coordinator, 'GET', '/v1/queues/summary')).body.undeliveredMessages).toBe(0);
    expect((await t.call(other.coordinator, 'GET', '/v1/notifications/undelivered')).body.total).toBe(0);
  });

  it('fails a message for a recipient without an e-mail address at once, visibly (the inbox keeps it)', async () => {
    const w = await world();
    await t.ds.query('UPDATE app_user SET email = NULL WHERE id = $1', [w.gp.id]);
    const before = smtp.attempts;
    const { messageId } = await refer(w.gp);
    const failed = await waitFor('the message failed', async () => {
      const l = await ledger(messageId);
      return l.status === 'failed' && l;
    });
    expect(failed).toMatchObject({ attempts: 1, lastErrorCode: 'no_address' });
    expect(smtp.attempts).toBe(before);
    expect((await t.call(w.coordinator, 'GET', '/v1/queues/summary')).body.undeliveredMessages).toBe(1);
    expect((await t.call(w.gp, 'GET', '/v1/notifications')).body.items).toEqual([
      expect.objectContaining({ id: messageId, deliveryStatus: 'failed' }),
    ]);
  });

  it('asks the consent again at each attempt: a mail queued before the citizen withdrew is withheld, not sent', async () => {
    const w = await world();
    smtp.refuse = { next: [], always: 451 };
    const { messageId, referralId, subject } = await refer(w.gp);
    await waitFor('a first, refused attempt', async () => (await ledger(messageId)).attempts >= 1);
    const withdrawn = await t.call(w.coordinator, 'POST', `/v1/referrals/${referralId}/consents`, {
      scope: 'referral',
      value: false,
      method: 'verbal',
    });
    expect(withdrawn.status).toBeLessThan(300);

    // The server takes mail again; the next attempt (a queue retry, or this one) asks the decision again.
    smtp.refuse = { next: [] };
    const settled = await deliverUntilSettled(t.worker, messageId);
    expect(settled).toMatchObject({ status: 'withheld', code: 'consent_withdrawn', deliveredAt: null, body: {}, address: null });
    expect(smtp.mailsAbout(subject)).toHaveLength(0);
    // Nothing for a coordinator to mend, and nothing left in the GP's inbox to read.
    expect((await t.call(w.coordinator, 'GET', '/v1/queues/summary')).body.undeliveredMessages).toBe(0);
    expect((await t.call(w.gp, 'GET', '/v1/notifications')).body.items).toEqual([]);
  });

  it('loses no mail when Redis loses the delivery job: the sweep brings it back from the ledger', async () => {
    const w = await world();
    smtp.refuse = { next: [], always: 451 };
    const { messageId, subject } = await refer(w.gp);
    await waitFor('a first, refused attempt', async () => (await ledger(messageId)).attempts >= 1);

    // Stop taking jobs (the running one finishes), then lose everything the notification queue had.
    const processor = t.worker.get(QUEUE_PROCESSOR.notification);
    await processor.worker.pause();
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.QUEUE_PREFIX}:notification:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    expect(await openDeliveries(messageId)).toBe(0);
    const pending = await ledger(messageId);
    expect(pending.status).toBe('pending');

    // The server takes mail again, and the message's next attempt (plus the sweep's grace) has passed.
    smtp.refuse = { next: [] };
    await t.ds.query("UPDATE message SET next_attempt_at = clock_timestamp() - interval '1 minute' WHERE id = $1", [messageId]);
    await processor.worker.resume();
    await notificationQueue().add('notification.sweep', { v: 1 });

    const sent = await waitFor('the message sent after the sweep', async () => {
      const l = await ledger(messageId);
      return l.status === 'sent' && l;
    });
    expect(sent.attempts).toBe(pending.attempts + 1);
    await waitFor('no delivery job left', async () => (await openDeliveries(messageId)) === 0);
    expect(smtp.mailsAbout(subject)).toHaveLength(1);
  });

  it('leaves later retries to the ledger: a message past its quick retries waits minutes, not in a queue retry', async () => {
    const w = await world();
    const { messageId } = await refer(w.gp);
    await waitFor('the message sent', async () => (await ledger(messageId)).status === 'sent');
    // As if it had failed its first five attempts: pending, due again now.
    await t.ds.query(
      `UPDATE message SET delivery_status = 'pending', delivery_attempts = 5, delivered_at = NULL,
              next_attempt_at = clock_timestamp() - interval '1 minute' WHERE id = $1`,
      [messageId],
    );
    smtp.refuse = { next: [], always: 451 };
    await notificationQueue().add('notification.sweep', { v: 1 });
    const retried = await waitFor('a sixth attempt', async () => {
      const l = await ledger(messageId);
      return l.attempts === 6 && l;
    });
    expect(retried).toMatchObject({ status: 'pending', lastErrorCode: 'smtp_451' });
    const [{ waitMs }] = await t.ds.query(
      'SELECT extract(epoch FROM next_attempt_at - clock_timestamp()) * 1000 AS "waitMs" FROM message WHERE id = $1',
      [messageId],
    );
    expect(Number(waitMs)).toBeGreaterThan(90_000); // two minutes after the sixth attempt
    await waitFor('the sweep’s job finished, not waiting to retry', async () => (await openDeliveries(messageId)) === 0);
    expect((await ledger(messageId)).attempts).toBe(6);
  });
});
