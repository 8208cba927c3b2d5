import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OfferCheckService } from '@bro/community';
import { DataSource } from 'typeorm';
import {
  bootApi,
  bootWorker,
  caller,
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  deliverUntilSettled,
  http,
  NOTE_SENTINEL,
  referralBody,
  TestSmsGateway,
  TestUser,
  validCpr,
  waitFor,
} from './kit';
import { ReceivedMail, TestSmtpServer } from './kit/smtp';

/**
 * The community side (issue 16) over HTTP, with the worker delivering through a real
 * SMTP server on this machine: a hand-off needs the citizen's `share_with_host`; the
 * host's mail holds a link whose page shows the first name and nothing else about the
 * citizen; the answer moves the plan step, tells the brobygger and (did not attend)
 * adds a follow-up; withdrawal, closing and erasure end the link (410); the access log
 * names the host; and an offer check left unanswered flags the offer.
 */
describe('hosts, følgevenner and the hand-off (e2e)', () => {
  let smtp: TestSmtpServer;
  let gateway: TestSmsGateway;
  const t = {} as { api: NestFastifyApplication; worker: NestFastifyApplication; ds: DataSource; call: ReturnType<typeof caller> };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    gateway = await TestSmsGateway.start();
    const env = { SMTP_URL: smtp.url, SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_TOKEN: 'gw', PUBLIC_WEB_URL: 'https://bro.example.dk' };
    t.api = await bootApi(env);
    t.worker = await bootWorker({ ...env, WORKER_PORT: '0' });
    t.ds = t.api.get(DataSource);
    t.call = caller(t.api);
  });
  afterAll(async () => {
    await t.worker.close();
    await t.api.close();
    await smtp.stop();
    await gateway.stop();
  });

  /** A municipality with an assigned case (consent to share with a host withheld), an offer with a host, a følgeven. */
  async function world(consent: { shareWithHost: boolean } = { shareWithHost: false }) {
    const m = await createMunicipality(t.ds);
    const area = await createArea(t.ds, m, ['4000']);
    const brobygger = await createBrobygger(t.ds, m, [area], 10);
    const coordinator = await createUser(t.ds, m, 'coordinator');
    const gp = await createUser(t.ds, m, 'referrer');
    const cpr = validCpr();
    const body = referralBody({ cpr });
    const referral = await t.call(gp, 'POST', '/v1/referrals', {
      ...body,
      consent: { referral: true, referrerFeedback: 'none', shareWithHost: consent.shareWithHost, sms: false, method: 'verbal' },
    });
    expect(referral.status).toBe(201);
    const referralId = referral.body.id as string;
    expect((await t.call(coordinator, 'POST', `/v1/referrals/${referralId}/assign`, { brobyggerId: brobygger.brobyggerId })).status).toBe(
      200,
    );

    const org = await t.call(coordinator, 'POST', '/v1/organisations', { name: `Modne Motionister ${m.slice(0, 6)}` });
    const offer = await t.call(coordinator, 'POST', '/v1/offers', {
      organisationId: org.body.id,
      name: 'Gåtur i Byparken',
      category: 'exercise',
      areaId: area,
      location: { name: 'Byparken', street: 'Parkvej 2', postcode: '4000', city: 'Roskilde' },
      schedule: 'Tirsdage kl. 10',
    });
    expect(offer.status).toBe(201);
    const hostEmail = `birthe.${m.slice(0, 8)}@forening.example.dk`;
    const host = await t.call(coordinator, 'POST', `/v1/offers/${offer.body.id}/hosts`, { name: 'Birthe Hansen', email: hostEmail });
    expect(host.status).toBe(201);
    const companionEmail = `jens.${m.slice(0, 8)}@frivillig.example.dk`;
    const companion = await t.call(coordinator, 'POST', '/v1/companions', {
      name: 'Jens Madsen',
      email: companionEmail,
      areaIds: [area],
      active: true,
    });
    expect(companion.status).toBe(201);
    const plan = await t.call(brobygger, 'PUT', `/v1/referrals/${referralId}/plan`, {
      goals: ['Komme ud blandt andre'],
      steps: [
        { description: `Prøve gåturen ${NOTE_SENTINEL}`, offerId: offer.body.id, hostId: host.body.id, companionId: companion.body.id },
      ],
    });
    expect(plan.status).toBe(200);
    const stepId = plan.body.steps[0].id as string;
    const [{ citizen_id: citizenId }] = await t.ds.query('SELECT citizen_id FROM referral WHERE id = $1', [referralId]);
    return {
      m,
      brobygger,
      coordinator,
      gp,
      cpr,
      citizen: body.citizen,
      referralId,
      citizenId,
      organisation: org.body.name as string,
      offerId: offer.body.id as string,
      hostId: host.body.id as string,
      hostEmail,
      companionEmail,
      companionId: companion.body.id as string,
      stepId,
    };
  }

  const handOver = (w: { brobygger: TestUser; referralId: string; stepId: string }, to: 'host' | 'companion') =>
    t.call(w.brobygger, 'POST', `/v1/referrals/${w.referralId}/plan/steps/${w.stepId}/handover`, {
      to,
      firstVisitAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      message: 'Kommer gerne lidt før',
    });

  const consentTo = (w: { brobygger: TestUser; referralId: string }, scope: string, value: boolean) =>
    t.call(w.brobygger, 'POST', `/v1/referrals/${w.referralId}/consents`, { scope, value, method: 'verbal' });

  const mailTo = (address: string) => waitFor(`a mail to ${address}`, async () => smtp.received.find((mail) => mail.to.includes(address)));

  /** The mail's text, quoted-printable undone. */
  const textOf = (mail: ReceivedMail) =>
    Buffer.from(
      mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');

  const tokenOf = (link: string) => link.split('/').pop()!;

  it('refuses a hand-off without the citizen’s consent (409, nothing sent); with it, the host’s mail opens a page with the first name only', async () => {
    const w = await world();
    const refused = await handOver(w, 'host');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('share_with_host');
    expect(refused.body.details).toEqual({ missingConsent: 'share_with_host' });
    expect(await t.ds.query("SELECT id FROM message WHERE referral_id = $1 AND kind = 'handover'", [w.referralId])).toEqual([]);
    expect(await t.ds.query('SELECT id FROM handover WHERE referral_id = $1', [w.referralId])).toEqual([]);

    expect((await consentTo(w, 'share_with_host', true)).status).toBe(200);
    const sent = await handOver(w, 'host');
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({
      id: expect.any(String),
      link: expect.stringMatching(/^https:\/\/bro\.example\.dk\/v\/[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
    });
    const token = tokenOf(sent.body.link);
    // Stored as a digest only.
    const [row] = await t.ds.query('SELECT token_hash FROM handover WHERE id = $1', [sent.body.id]);
    expect(row.token_hash).not.toContain(token);

    const mail = textOf(await mailTo(w.hostEmail));
    expect(mail).toContain(sent.body.link);
    expect(mail).toContain('Hej Birthe');
    for (const secret of [w.citizen.name, 'Jensen', w.cpr, w.citizen.address.street, w.citizen.phone, 'loneliness', NOTE_SENTINEL])
      expect({ secret, inMail: mail.includes(secret) }).toEqual({ secret, inMail: false });
    // Delivered: the link leaves the ledger.
    await waitFor('the link cleared from the delivered message', async () => {
      const [msg] = await t.ds.query("SELECT delivery_status, link FROM message WHERE referral_id = $1 AND kind = 'handover'", [
        w.referralId,
      ]);
      return msg?.delivery_status === 'sent' && msg.link === null;
    });

    const page = await http(t.api, 'GET', `/v1/handover/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      recipient: 'host',
      firstName: 'Inger',
      offer: { name: 'Gåtur i Byparken', organisation: w.organisation },
      firstVisit: { at: expect.any(String), place: 'Byparken, Parkvej 2, 4000 Roskilde' },
      companion: { firstName: 'Jens' },
      message: 'Kommer gerne lidt før',
      answer: null,
      answeredAt: null,
      expiresAt: sent.body.expiresAt,
    });
    const json = JSON.stringify(page.body);
    for (const secret of ['Jensen', w.cpr, w.citizen.address.street, w.citizen.phone, 'loneliness', NOTE_SENTINEL, 'Madsen'])
      expect({ secret, onPage: json.includes(secret) }).toEqual({ secret, onPage: false });

    // The access log names the host.
    const log = await t.call(w.coordinator, 'GET', `/v1/citizens/${w.citizenId}/access-log`);
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'host', action: 'handover.open', purpose: `vært i ${w.organisation}`, userId: null }),
      ]),
    );

    // A token Bro never made: 404; the wrong shape too.
    expect((await http(t.api, 'GET', `/v1/handover/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await http(t.api, 'GET', '/v1/handover/nope')).status).toBe(404);
  });

  it('moves the step with the answer, tells the brobygger and adds a follow-up the next working day', async () => {
    const w = await world({ shareWithHost: true });
    const sent = await handOver(w, 'host');
    expect(sent.status).toBe(201);
    const token = tokenOf(sent.body.link);
    const stepStatus = async () =>
      ((await t.call(w.brobygger, 'GET', `/v1/referrals/${w.referralId}`)).body.plan.steps as { id: string; status: string }[]).find(
        (s) => s.id === w.stepId,
      )!.status;
    expect(await stepStatus()).toBe('first_visit_booked');

    const bad = await http(t.api, 'POST', `/v1/handover/${token}/answer`, { body: { answer: 'maybe' } });
    expect(bad.status).toBe(400);

    const answered = await http(t.api, 'POST', `/v1/handover/${token}/answer`, { body: { answer: 'did_not_attend', note: 'Vi ventede' } });
    expect(answered.status).toBe(200);
    expect(answered.body.answer).toBe('did_not_attend');
    expect(await stepStatus()).toBe('did_not_attend');

    const inbox = await t.call(w.brobygger, 'GET', '/v1/notifications');
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'handover_answer',
          referralId: w.referralId,
          body: expect.objectContaining({ answer: 'did_not_attend' }),
        }),
      ]),
    );
    const [followUp] = await t.ds.query(
      "SELECT kind, status, due_at, assignee_id FROM follow_up WHERE referral_id = $1 AND source_key LIKE 'handover:%'",
      [w.referralId],
    );
    expect(followUp).toEqual(expect.objectContaining({ kind: 'custom', status: 'open', assignee_id: w.brobygger.brobyggerId }));
    expect(new Date(followUp.due_at).getTime()).toBeGreaterThan(Date.now());

    const again = await http(t.api, 'POST', `/v1/handover/${token}/answer`, { body: { answer: 'continuing' } });
    expect(again.status).toBe(200);
    expect(await stepStatus()).toBe('continuing');
    const answerLog = await t.call(w.coordinator, 'GET', `/v1/citizens/${w.citizenId}/access-log`);
    expect(answerLog.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'host', action: 'handover.answer' })]));

    const list = await t.call(w.brobygger, 'GET', `/v1/referrals/${w.referralId}/handovers`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: sent.body.id, to: 'host', state: 'answered', answer: 'continuing' })]);

    const figures = await t.call(w.coordinator, 'GET', '/v1/community/figures');
    expect(figures.body.items).toEqual([
      expect.objectContaining({ organisation: w.organisation, sent: 1, answered: 1, attended: 1, continuing: 1 }),
    ]);
  });

  it('ends the link at once when the consent is withdrawn, the case closes or is erased (410)', async () => {
    const w = await world({ shareWithHost: true });
    const first = tokenOf((await handOver(w, 'host')).body.link);
    expect((await http(t.api, 'GET', `/v1/handover/${first}`)).status).toBe(200);
    expect((await consentTo(w, 'share_with_host', false)).status).toBe(200);
    expect((await http(t.api, 'GET', `/v1/handover/${first}`)).status).toBe(410);
    expect((await http(t.api, 'POST', `/v1/handover/${first}/answer`, { body: { answer: 'attended' } })).status).toBe(410);

    // Given again: a new hand-off, this time to the følgeven; then the case closes.
    expect((await consentTo(w, 'share_with_host', true)).status).toBe(200);
    const sent = await handOver(w, 'companion');
    expect(sent.status).toBe(201);
    expect(textOf(await mailTo(w.companionEmail))).toContain(sent.body.link);
    const second = tokenOf(sent.body.link);
    const page = await http(t.api, 'GET', `/v1/handover/${second}`);
    expect(page.body).toEqual(expect.objectContaining({ recipient: 'companion', firstName: 'Inger' }));
    const log = await t.call(w.coordinator, 'GET', `/v1/citizens/${w.citizenId}/access-log`);
    expect(log.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'companion', purpose: 'følgeven' })]));

    expect((await t.call(w.brobygger, 'POST', `/v1/referrals/${w.referralId}/contact-attempts`, { outcome: 'reached' })).status).toBe(201);
    expect(
      (
        await t.call(w.brobygger, 'POST', `/v1/referrals/${w.referralId}/conversations`, {
          kind: 'first',
          heldAt: new Date().toISOString(),
          durationMinutes: 60,
          location: 'Havehuset',
        })
      ).status,
    ).toBe(201);
    expect((await t.call(w.brobygger, 'POST', `/v1/referrals/${w.referralId}/close`, { outcome: 'goal_reached' })).status).toBe(200);
    expect((await http(t.api, 'GET', `/v1/handover/${second}`)).status).toBe(410);
    const [revoked] = await t.ds.query('SELECT revoked_reason FROM handover WHERE id = $1', [sent.body.id]);
    expect(revoked.revoked_reason).toBe('case_closed');

    // Erasure (consent to be referred withdrawn) on another case: the link goes too.
    const e = await world({ shareWithHost: true });
    const third = tokenOf((await handOver(e, 'host')).body.link);
    expect((await consentTo(e, 'referral', false)).status).toBe(200);
    expect((await http(t.api, 'GET', `/v1/handover/${third}`)).status).toBe(410);
  });

  it('checks offers with a host every offerCheckMonths: an answer verifies or pauses the offer; no answer in 14 days flags it', async () => {
    const w = await world();
    const checks = t.worker.get(OfferCheckService);
    // Last verified seven months ago: the default of six has passed.
    await t.ds.query("UPDATE offer SET last_verified_at = now() - interval '7 months' WHERE id = $1", [w.offerId]);
    await checks.run();
    const mail = textOf(
      await waitFor('the offer check mail', async () => smtp.received.find((m) => m.to.includes(w.hostEmail) && m.raw.includes('tjek'))),
    );
    const link = /https:\/\/bro\.example\.dk\/tjek\/[A-Za-z0-9_-]{43}/.exec(mail)![0];
    const token = tokenOf(link);
    // One check per period: a second run sends nothing more for this offer.
    await checks.run();
    expect(await t.ds.query('SELECT id FROM offer_check WHERE offer_id = $1', [w.offerId])).toHaveLength(1);

    const page = await http(t.api, 'GET', `/v1/offer-check/${token}`);
    expect(page.status).toBe(200);
    expect(page.body.offer).toEqual(expect.objectContaining({ name: 'Gåtur i Byparken', status: 'active' }));

    // Unanswered for 14 days: flagged.
    await t.ds.query("UPDATE offer_check SET sent_at = now() - interval '15 days' WHERE offer_id = $1", [w.offerId]);
    await checks.run();
    expect((await t.call(w.coordinator, 'GET', `/v1/offers/${w.offerId}`)).body.checkOverdue).toBe(true);

    // The host answers after all: verified, free places kept; then "not running" pauses it.
    const ok = await http(t.api, 'POST', `/v1/offer-check/${token}`, { body: { running: true, freePlaces: 3 } });
    expect(ok.status).toBe(200);
    const offer = (await t.call(w.coordinator, 'GET', `/v1/offers/${w.offerId}`)).body;
    expect(offer).toEqual(expect.objectContaining({ checkOverdue: false, freePlaces: 3, status: 'active', stale: false }));
    expect(new Date(offer.lastVerifiedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await http(t.api, 'POST', `/v1/offer-check/${token}`, { body: { running: false } })).status).toBe(200);
    expect((await t.call(w.coordinator, 'GET', `/v1/offers/${w.offerId}`)).body.status).toBe('paused');
    expect((await http(t.api, 'POST', `/v1/offer-check/${token}`, { body: { running: 'ja' } })).status).toBe(400);
  });

  /** A host or følgeven with only a phone: the e-mail removed. */
  const phoneOnly = async (w: Awaited<ReturnType<typeof world>>, who: 'host' | 'companion') => {
    const phone = `+452${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const res =
      who === 'host'
        ? await t.call(w.coordinator, 'PATCH', `/v1/offers/${w.offerId}/hosts/${w.hostId}`, { email: null, phone })
        : await t.call(w.coordinator, 'PATCH', `/v1/companions/${w.companionId}`, { email: null, phone });
    expect(res.status).toBe(200);
    return phone;
  };

  const smsTo = (phone: string) => waitFor(`an SMS to ${phone}`, async () => gateway.to(phone)[0]);

  it('sends the hand-off by SMS to a host or følgeven with only a phone: the link and nothing about the citizen; no consent, no SMS', async () => {
    const w = await world();
    const hostPhone = await phoneOnly(w, 'host');
    const companionPhone = await phoneOnly(w, 'companion');
    const attempts = gateway.attempts;

    const refused = await handOver(w, 'host');
    expect(refused.status).toBe(409);
    expect(refused.body.details).toEqual({ missingConsent: 'share_with_host' });
    expect(await t.ds.query("SELECT id FROM message WHERE referral_id = $1 AND kind = 'handover'", [w.referralId])).toEqual([]);

    expect((await consentTo(w, 'share_with_host', true)).status).toBe(200);
    const sent = await handOver(w, 'host');
    expect(sent.status).toBe(201);
    const sms = await smsTo(hostPhone);
    expect(sms.authorization).toBe('Bearer gw');
    expect(sms.text).toContain(sent.body.link);
    expect(sms.text).toContain('Hej Birthe');
    expect(sms.text).toContain('Gåtur i Byparken');
    // Less than the page shows: not even the citizen's first name; nothing of the surname, CPR, address, phone, reasons or notes.
    for (const secret of ['Inger', 'Jensen', w.cpr, w.citizen.address.street, w.citizen.phone, 'loneliness', NOTE_SENTINEL, 'Kommer gerne'])
      expect({ secret, inSms: sms.text.includes(secret) }).toEqual({ secret, inSms: false });
    expect(sms.text.length).toBeLessThanOrEqual(320);
    const [row] = await waitFor('the SMS settled in the ledger', async () => {
      const rows = await t.ds.query(
        "SELECT channel, delivery_status, link, address, recipient_label FROM message WHERE referral_id = $1 AND kind = 'handover'",
        [w.referralId],
      );
      return rows[0]?.delivery_status === 'sent' && rows;
    });
    expect(row).toEqual({
      channel: 'sms',
      delivery_status: 'sent',
      link: null,
      address: hostPhone,
      recipient_label: `vært i ${w.organisation}`,
    });
    // The link opens the page.
    expect((await http(t.api, 'GET', `/v1/handover/${tokenOf(sent.body.link)}`)).status).toBe(200);

    // The følgeven with only a phone too.
    const toCompanion = await handOver(w, 'companion');
    expect(toCompanion.status).toBe(201);
    expect((await smsTo(companionPhone)).text).toContain(toCompanion.body.link);
    // Two SMS in all, none before the consent; no mail to either.
    expect(gateway.attempts - attempts).toBe(2);
    expect(smtp.received.filter((m) => m.to.includes(w.hostEmail) || m.to.includes(w.companionEmail))).toEqual([]);

    // Erasure removes the number and the words.
    expect((await consentTo(w, 'referral', false)).status).toBe(200);
    const left = await t.ds.query("SELECT address, text, link FROM message WHERE referral_id = $1 AND kind = 'handover'", [w.referralId]);
    expect(left).toEqual([
      { address: null, text: null, link: null },
      { address: null, text: null, link: null },
    ]);
  });

  it('asks the consent again at each SMS attempt: a hand-off queued before share_with_host was withdrawn is withheld', async () => {
    const w = await world({ shareWithHost: true });
    const hostPhone = await phoneOnly(w, 'host');
    gateway.refuse = { next: [], always: 503 };
    try {
      const sent = await handOver(w, 'host');
      expect(sent.status).toBe(201);
      const [{ id }] = await waitFor('a first, refused attempt', async () => {
        const rows = await t.ds.query(
          "SELECT id FROM message WHERE referral_id = $1 AND kind = 'handover' AND delivery_attempts >= 1 AND delivery_status = 'pending'",
          [w.referralId],
        );
        return rows.length === 1 && rows;
      });
      expect((await consentTo(w, 'share_with_host', false)).status).toBe(200);
      gateway.refuse = { next: [] };
      const settled = await deliverUntilSettled(t.worker, id);
      expect(settled).toMatchObject({ status: 'withheld', code: 'consent_withdrawn', link: null, text: null, address: null });
      expect(gateway.to(hostPhone)).toEqual([]);
    } finally {
      gateway.refuse = { next: [] };
    }
  });

  it('sends the offer check by SMS to a host with only a phone', async () => {
    const w = await world();
    const phone = await phoneOnly(w, 'host');
    await t.ds.query("UPDATE offer SET last_verified_at = now() - interval '7 months' WHERE id = $1", [w.offerId]);
    await t.worker.get(OfferCheckService).run();
    const sms = await smsTo(phone);
    const link = /https:\/\/bro\.example\.dk\/tjek\/[A-Za-z0-9_-]{43}/.exec(sms.text)![0];
    expect((await http(t.api, 'GET', `/v1/offer-check/${tokenOf(link)}`)).status).toBe(200);
  });

  it('keeps hosts to coordinators’ writing and følgevenner of other areas from brobyggere', async () => {
    const w = await world();
    const hosts = await t.call(w.brobygger, 'GET', `/v1/offers/${w.offerId}/hosts`);
    expect(hosts.body.items).toEqual([expect.objectContaining({ id: w.hostId, name: 'Birthe Hansen' })]);
    expect((await t.call(w.brobygger, 'POST', `/v1/offers/${w.offerId}/hosts`, { name: 'X' })).status).toBe(403);
    const otherArea = await createArea(t.ds, w.m, ['4100']);
    await t.call(w.coordinator, 'POST', '/v1/companions', { name: 'Else Andersen', areaIds: [otherArea], active: true });
    const mine = await t.call(w.brobygger, 'GET', '/v1/companions');
    expect(mine.body.items.map((c: { name: string }) => c.name)).toEqual(['Jens Madsen']);
    expect((await t.call(w.coordinator, 'GET', '/v1/companions')).body.total).toBe(2);
    expect(
      (await t.call(w.coordinator, 'POST', '/v1/companions', { name: 'Y', areaIds: [crypto.randomUUID()], active: true })).status,
    ).toBe(422);
    // A plan step may only name a host of its own offer.
    const bad = await t.call(w.brobygger, 'PUT', `/v1/referrals/${w.referralId}/plan`, {
      goals: [],
      steps: [{ description: 'Uden tilbud', hostId: w.hostId }],
    });
    expect(bad.status).toBe(422);
    // Removed: gone from the offer's list.
    expect((await t.call(w.coordinator, 'DELETE', `/v1/offers/${w.offerId}/hosts/${w.hostId}`)).status).toBe(200);
    expect((await t.call(w.coordinator, 'GET', `/v1/offers/${w.offerId}/hosts`)).body.items).toEqual([]);
  });
});
