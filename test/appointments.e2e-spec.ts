import { AppointmentsService } from '@bro/appointment';
import { Clock } from '@bro/platform';
import ICAL from 'ical.js';
import { PDFParse } from 'pdf-parse';
import {
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  deliverUntilSettled,
  referralBody,
  TestSmsGateway,
  validCpr,
  waitFor,
  withApiAndWorker,
} from './kit';

/**
 * Appointments (issue 17, ADR 0027) against real PostgreSQL, Redis and a local HTTP
 * server playing the SMS gateway: booking, moving and cancelling, the 409s naming the
 * clash, the calendar feed read by a real iCalendar parser, reminders once and only with
 * consent, and the citizen's copy read back by a PDF text extractor.
 */
describe('appointments (e2e)', () => {
  const gateway = new Promise<TestSmsGateway>((resolve) => void TestSmsGateway.start().then(resolve));
  let sms: TestSmsGateway;
  const env: Record<string, string> = {};
  beforeAll(async () => {
    sms = await gateway;
    env.SMS_GATEWAY_URL = sms.url;
  });
  const t = withApiAndWorker(env);
  afterAll(async () => sms.stop());

  /** An assigned case of a fresh municipality, its brobygger (with a work phone), a coordinator and a meeting place. */
  async function assignedCase(citizen: { sms?: boolean; phone?: string; name?: string } = {}) {
    const m = await createMunicipality(t.ds);
    const area = await createArea(t.ds, m, ['4000']);
    const brobygger = await createBrobygger(t.ds, m, [area], 5);
    await t.ds.query("UPDATE app_user SET display_name = 'Mette Brobygger', work_phone = '46 31 00 09' WHERE id = $1", [brobygger.id]);
    const coordinator = await createUser(t.ds, m, 'coordinator');
    const gp = await createUser(t.ds, m, 'referrer');
    const cpr = validCpr();
    const body = referralBody({
      cpr,
      consent: { referral: true, referrerFeedback: 'status', sms: citizen.sms ?? false, method: 'verbal' },
    });
    body.citizen.phone = citizen.phone ?? '+4520123456';
    body.citizen.name = citizen.name ?? 'Inger Marie Jensen';
    const { body: created } = await t.call(gp, 'POST', '/v1/referrals', body);
    await waitFor(
      'assigned',
      async () => (await t.ds.query('SELECT status FROM referral WHERE id = $1', [created.id]))[0].status === 'assigned',
    );
    const place = await t.call(coordinator, 'POST', '/v1/places', {
      name: 'Havehuset',
      address: 'Havevej 1, 4000 Roskilde',
      accessible: true,
    });
    expect(place.status).toBe(201);
    return { m, area, id: created.id as string, cpr, brobygger, coordinator, gp, placeId: place.body.id as string };
  }

  const book = (c: Awaited<ReturnType<typeof assignedCase>>, startsAt: string, over: Record<string, unknown> = {}) =>
    t.call(c.brobygger, 'POST', `/v1/referrals/${c.id}/appointments`, {
      startsAt,
      durationMinutes: 90,
      placeId: c.placeId,
      kind: 'first',
      ...over,
    });

  it('books, moves and cancels; overlaps and absences are 409 naming the clash; booking reaches the citizen', async () => {
    const c = await assignedCase();
    const first = await book(c, '2027-01-12T10:00:00+01:00');
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String) });
    // As a contact that reached the citizen: contacted, first contact done.
    expect((await t.ds.query('SELECT status FROM referral WHERE id = $1', [c.id]))[0].status).toBe('contacted');
    await waitFor(
      'first contact done',
      async () =>
        (await t.ds.query("SELECT status FROM follow_up WHERE referral_id = $1 AND kind = 'first_contact'", [c.id]))[0]?.status === 'done',
    );

    const clash = await book(c, '2027-01-12T11:00:00+01:00', { kind: 'follow_up' });
    expect(clash.status).toBe(409);
    expect(clash.body.details.clash).toEqual({
      kind: 'appointment',
      appointmentId: first.body.id,
      startsAt: '2027-01-12T09:00:00.000Z',
      endsAt: '2027-01-12T10:30:00.000Z',
    });
    // Back to back is fine.
    const second = await book(c, '2027-01-12T11:30:00+01:00', { kind: 'follow_up', placeId: undefined, place: 'Biblioteket' });
    expect(second.status).toBe(201);

    await t.ds.query("UPDATE brobygger SET absent_from = '2027-02-01', absent_to = '2027-02-05' WHERE id = $1", [c.brobygger.brobyggerId]);
    const away = await book(c, '2027-02-03T10:00:00+01:00');
    expect(away.status).toBe(409);
    expect(away.body.details.clash).toEqual({ kind: 'absence', from: '2027-02-01', to: '2027-02-05' });
    // Moving into the absence, or onto the other appointment, is refused too; elsewhere it moves.
    expect(
      (await t.call(c.brobygger, 'PATCH', `/v1/appointments/${first.body.id}`, { startsAt: '2027-02-05T23:30:00+01:00' })).status,
    ).toBe(409);
    expect(
      (await t.call(c.brobygger, 'PATCH', `/v1/appointments/${second.body.id}`, { startsAt: '2027-01-12T10:15:00+01:00' })).body.details
        .clash.kind,
    ).toBe('appointment');
    const moved = await t.call(c.brobygger, 'PATCH', `/v1/appointments/${first.body.id}`, {
      startsAt: '2027-01-13T09:00:00+01:00',
      durationMinutes: 60,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      startsAt: '2027-01-13T08:00:00.000Z',
      endsAt: '2027-01-13T09:00:00.000Z',
      durationMinutes: 60,
      status: 'booked',
    });
    expect(moved.body.place).toEqual({ id: c.placeId, name: 'Havehuset', address: 'Havevej 1, 4000 Roskilde', kind: 'venue' });

    const cancelled = await t.call(c.brobygger, 'POST', `/v1/appointments/${second.body.id}/cancel`, { reason: 'Borgeren er syg' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Borgeren er syg' });
    expect((await t.call(c.brobygger, 'POST', `/v1/appointments/${second.body.id}/cancel`, { reason: 'igen' })).status).toBe(409);
    // The freed time can be booked again.
    expect((await book(c, '2027-01-12T11:30:00+01:00', { kind: 'phone' })).status).toBe(201);

    // The week: own for the brobygger, the municipality's (or one brobygger's) for coordinators; nobody else's.
    const week = await t.call(c.brobygger, 'GET', '/v1/appointments?from=2027-01-11T00:00:00%2B01:00&to=2027-01-18T00:00:00%2B01:00');
    expect(week.status).toBe(200);
    expect(week.body.items.map((a: { status: string }) => a.status)).toEqual(['booked', 'cancelled', 'booked']);
    expect(week.body.items[0].citizen).toEqual({ name: 'Inger Marie Jensen' });
    const all = await t.call(
      c.coordinator,
      'GET',
      `/v1/appointments?from=2027-01-11T00:00:00Z&to=2027-01-18T00:00:00Z&brobyggerUserId=${c.brobygger.id}`,
    );
    expect(all.body.items).toHaveLength(3);
    const stranger = await assignedCase();
    expect(
      (await t.call(stranger.brobygger, 'GET', '/v1/appointments?from=2027-01-11T00:00:00Z&to=2027-01-18T00:00:00Z')).body.items,
    ).toEqual([]);
    expect((await t.call(stranger.brobygger, 'PATCH', `/v1/appointments/${first.body.id}`, { durationMinutes: 30 })).status).toBe(404);
    expect((await t.call(stranger.coordinator, 'GET', `/v1/appointments/${first.body.id}`)).status).toBe(404);
    expect(
      (
        await t.call(c.gp, 'POST', `/v1/referrals/${c.id}/appointments`, {
          startsAt: '2027-03-01T10:00:00Z',
          durationMinutes: 60,
          place: 'x',
          kind: 'first',
        })
      ).status,
    ).toBe(403);

    // Bad input: 4xx, nothing written.
    const before = (await t.ds.query('SELECT count(*)::int AS n FROM appointment WHERE referral_id = $1', [c.id]))[0].n;
    expect((await book(c, '2027-03-01T10:00:00Z', { place: 'Biblioteket' })).status).toBe(400); // placeId and place
    expect((await book(c, '2020-03-01T10:00:00Z')).status).toBe(422); // in the past
    expect((await book(c, '2027-03-01T10:00:00Z', { durationMinutes: 0 })).status).toBe(400);
    expect((await book(c, '2027-03-01T10:00:00Z', { placeId: stranger.placeId })).status).toBe(422); // another municipality's place
    expect((await t.call(c.brobygger, 'GET', '/v1/appointments?from=2027-01-11T00:00:00Z&to=2027-06-18T00:00:00Z')).status).toBe(400);
    expect((await t.ds.query('SELECT count(*)::int AS n FROM appointment WHERE referral_id = $1', [c.id]))[0].n).toBe(before);

    // Held: the conversation recorded with the appointment marks it held.
    const held = await t.call(c.brobygger, 'POST', `/v1/referrals/${c.id}/conversations`, {
      heldAt: '2026-11-20T10:00:00+01:00',
      durationMinutes: 60,
      location: 'Havehuset',
      kind: 'first',
      appointmentId: first.body.id,
    });
    expect(held.status).toBe(201);
    expect((await t.call(c.brobygger, 'GET', `/v1/appointments/${first.body.id}`)).body).toMatchObject({
      status: 'held',
      conversationId: held.body.id,
    });
  });

  it('gives the brobygger a calendar feed with initials only; a rotated token makes the old feed 404', async () => {
    const c = await assignedCase({ name: 'Inger Marie Jensen' });
    expect((await book(c, '2027-01-19T10:00:00+01:00')).status).toBe(201);
    const home = await t.call(c.coordinator, 'POST', '/v1/places', { name: 'Hjemme hos borgeren', kind: 'home' });
    expect((await book(c, '2027-01-20T10:00:00+01:00', { placeId: home.body.id, kind: 'follow_up' })).status).toBe(201);

    const first = await t.call(c.brobygger, 'POST', '/v1/me/calendar-token');
    expect(first.status).toBe(201);
    const url = new URL(first.body.url as string);
    expect(url.pathname).toMatch(/^\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await t.api.getHttpAdapter().getInstance().inject({ method: 'GET', url: url.pathname });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.headers['cache-control']).toBe('no-store');

    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary).sort()).toEqual(['Første samtale – I.M.J.', 'Opfølgende samtale – I.M.J.']);
    const venue = events.find((e) => e.summary.startsWith('Første'))!;
    expect(venue.location).toBe('Havehuset, Havevej 1, 4000 Roskilde');
    expect(venue.startDate.toJSDate().toISOString()).toBe('2027-01-19T09:00:00.000Z');
    expect(venue.endDate.toJSDate().toISOString()).toBe('2027-01-19T10:30:00.000Z');
    expect(events.find((e) => e.summary.startsWith('Opfølgende'))!.location).toBe('Hjemme hos borgeren');
    // Never the name, the CPR, the phone, the street or the reasons.
    expect(feed.body).not.toMatch(/Inger|Jensen|Algade|20123456|loneliness|notesentinel/);
    expect(feed.body.replace(/\D/g, '')).not.toContain(c.cpr);

    const rotated = await t.call(c.brobygger, 'POST', '/v1/me/calendar-token');
    const newPath = new URL(rotated.body.url as string).pathname;
    expect(newPath).not.toBe(url.pathname);
    const inject = (path: string) => t.api.getHttpAdapter().getInstance().inject({ method: 'GET', url: path });
    expect((await inject(url.pathname)).statusCode).toBe(404);
    expect((await inject(newPath)).statusCode).toBe(200);
    expect((await inject('/v1/calendar/not-a-token.ics')).statusCode).toBe(404);
    expect((await t.call(c.coordinator, 'POST', '/v1/me/calendar-token')).status).toBe(403);
    // The token is kept only as a hash.
    const [stored] = await t.ds.query('SELECT token_sha256 FROM calendar_token WHERE user_id = $1', [c.brobygger.id]);
    expect(newPath).not.toContain(stored.token_sha256);
  });

  it('reminds the day before by SMS only with consent, once; otherwise lists a letter', async () => {
    const withSms = await assignedCase({ sms: true, phone: '+4520990001' });
    const without = await assignedCase({ sms: false, phone: '+4520990002' });
    const refusesSms = await assignedCase({ sms: true, phone: '+4520990003' });
    await t.ds.query(
      `UPDATE citizen SET contact_preferences = '{"doNotContactBy": ["sms"]}' WHERE id = (SELECT citizen_id FROM referral WHERE id = $1)`,
      [refusesSms.id],
    );
    // Monday 7 December 2026, 10:00 in Roskilde; the reminders go out on Friday the 4th.
    const monday = '2026-12-07T10:00:00+01:00';
    const ids = [];
    for (const c of [withSms, without, refusesSms]) {
      const res = await book(c, monday);
      expect(res.status).toBe(201);
      ids.push(res.body.id as string);
    }
    const remindAt = async (iso: string) => {
      const spy = jest.spyOn(t.worker.get(Clock), 'now').mockReturnValue(new Date(iso));
      try {
        return await t.worker.get(AppointmentsService).remind();
      } finally {
        spy.mockRestore();
      }
    };
    // Thursday: too early. Saturday: a day off.
    await remindAt('2026-12-03T10:00:00+01:00');
    await remindAt('2026-12-05T10:00:00+01:00');
    expect((await t.ds.query('SELECT count(*)::int AS n FROM appointment_reminder WHERE appointment_id = ANY($1)', [ids]))[0].n).toBe(0);

    // Friday, twice (as the hourly scheduler would).
    await remindAt('2026-12-04T10:05:00+01:00');
    await remindAt('2026-12-04T11:05:00+01:00');
    const delivered = await waitFor('the SMS delivered', async () => {
      const [row] = await t.ds.query("SELECT delivery_status AS status FROM message WHERE referral_id = $1 AND channel = 'sms'", [
        withSms.id,
      ]);
      return row?.status === 'sent' && row;
    });
    expect(delivered).toBeTruthy();
    expect(sms.to('+4520990001')).toEqual([
      {
        to: '+4520990001',
        text: 'Påmindelse: Du skal mødes med Mette mandag den 7. december kl. 10.00, Havehuset, Havevej 1, 4000 Roskilde. Venlig hilsen Mette',
        authorization: undefined,
      },
    ]);
    expect(sms.to('+4520990002')).toEqual([]);
    expect(sms.to('+4520990003')).toEqual([]);
    expect(
      (
        await t.ds.query("SELECT count(*)::int AS n FROM message WHERE referral_id = ANY($1) AND channel = 'sms'", [
          [withSms.id, without.id, refusesSms.id],
        ])
      )[0].n,
    ).toBe(1);

    // The others get a letter to print, listed with the appointment.
    const list = async (c: typeof without) =>
      (await t.call(c.brobygger, 'GET', '/v1/appointments?from=2026-12-07T00:00:00%2B01:00&to=2026-12-08T00:00:00%2B01:00')).body.items[0];
    expect((await list(withSms)).reminder).toBe('sms');
    expect((await list(without)).reminder).toBe('letter');
    expect((await list(refusesSms)).reminder).toBe('letter');
    const letter = await t.api
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: `/v1/appointments/${ids[1]}/letter.pdf`,
        headers: { authorization: `Bearer ${await tokenOf(without.brobygger.username)}` },
      });
    expect(letter.statusCode).toBe(200);
    const text = await pdfText(letter.rawPayload);
    expect(text).toContain('Påmindelse om vores aftale');
    expect(text).toContain('mandag den 7. december kl. 10.00');
    expect(text).toContain('Mette Brobygger');
  });

  it('asks the SMS decision again at each attempt: a reminder waiting for the gateway is withheld once the SMS consent is withdrawn', async () => {
    const c = await assignedCase({ sms: true, phone: '+4520990011' });
    expect((await book(c, '2026-12-07T10:00:00+01:00')).status).toBe(201);
    sms.refuse = { next: [], always: 503 };
    try {
      const spy = jest.spyOn(t.worker.get(Clock), 'now').mockReturnValue(new Date('2026-12-04T10:05:00+01:00'));
      try {
        await t.worker.get(AppointmentsService).remind();
      } finally {
        spy.mockRestore();
      }
      const [{ id }] = await waitFor('a first, refused attempt', async () => {
        const rows = await t.ds.query(
          "SELECT id FROM message WHERE referral_id = $1 AND channel = 'sms' AND delivery_attempts >= 1 AND delivery_status = 'pending'",
          [c.id],
        );
        return rows.length === 1 && rows;
      });
      const withdrawn = await t.call(c.brobygger, 'POST', `/v1/referrals/${c.id}/consents`, {
        scope: 'sms',
        value: false,
        method: 'verbal',
      });
      expect(withdrawn.status).toBe(200);
      sms.refuse = { next: [] };
      const settled = await deliverUntilSettled(t.worker, id);
      expect(settled).toMatchObject({ status: 'withheld', code: 'consent_withdrawn', text: null, address: null });
      expect(sms.to('+4520990011')).toEqual([]);
    } finally {
      sms.refuse = { next: [] };
    }
  });

  it('hands the citizen their plan as a PDF: the goal and the step, no CPR, no notes, no scores', async () => {
    const c = await assignedCase();
    const base = `/v1/referrals/${c.id}`;
    expect((await book(c, '2027-01-26T10:00:00+01:00')).status).toBe(201);
    const said = await t.call(c.brobygger, 'POST', `${base}/conversations`, {
      heldAt: '2026-11-20T10:00:00+01:00',
      durationMinutes: 75,
      location: 'Havehuset',
      kind: 'first',
      notes: 'Fortrolig note om sorgen notesentinel7f3a',
      whatMatters: 'At have nogen at tale med',
      wishes: 'Synge i kor igen',
      wantToTry: 'Cirkler i Viby',
      who5: [2, 1, 2, 1, 2],
    });
    expect(said.status).toBe(201);
    const [org] = await t.ds.query("INSERT INTO organisation (municipality_id, name) VALUES ($1, 'Cirkler') RETURNING id", [c.m]);
    const [offer] = await t.ds.query(
      `INSERT INTO offer (municipality_id, organisation_id, name, category, location) VALUES ($1, $2, 'Cirkler i Viby', 'community',
         '{"name": "Viby Bibliotek", "postcode": "4130", "city": "Viby Sjælland"}') RETURNING id`,
      [c.m, org.id],
    );
    // A host and a følgeven of Bro's own (ADR 0026): the copy gives their first names only.
    const host = await t.call(c.coordinator, 'POST', `/v1/offers/${offer.id}/hosts`, { name: 'Birthe Hansen', phone: '+4520304050' });
    expect(host.status).toBe(201);
    const companion = await t.call(c.coordinator, 'POST', '/v1/companions', {
      name: 'Jens Madsen',
      phone: '+4520304051',
      areaIds: [c.area],
      active: true,
    });
    expect(companion.status).toBe(201);
    const plan = await t.call(c.brobygger, 'PUT', `${base}/plan`, {
      goals: ['Komme ud blandt andre en gang om ugen'],
      steps: [
        {
          description: 'Prøve en cirkel i Viby',
          offerId: offer.id,
          dueAt: '2026-12-10T10:00:00+01:00',
          host: 'Lone Sørensen',
          companion: true,
        },
        {
          description: 'Gå med til koret',
          offerId: offer.id,
          hostId: host.body.id,
          companionId: companion.body.id,
          companion: true,
        },
      ],
    });
    expect(plan.status).toBe(200);

    const copy = await t.call(c.brobygger, 'GET', `${base}/citizen-copy`);
    expect(copy.status).toBe(200);
    expect(copy.body).toMatchObject({
      title: 'Min samtale og min plan',
      whatMatters: 'At have nogen at tale med',
      goals: ['Komme ud blandt andre en gang om ugen'],
      steps: [
        {
          description: 'Prøve en cirkel i Viby',
          offer: 'Cirkler i Viby',
          place: 'Viby Bibliotek, 4130 Viby Sjælland',
          host: 'Lone',
          companion: true,
          companionName: null,
        },
        { description: 'Gå med til koret', offer: 'Cirkler i Viby', host: 'Birthe', companion: true, companionName: 'Jens' },
      ],
      brobygger: { name: 'Mette Brobygger', workPhone: '46 31 00 09' },
    });

    const pdf = await t.api
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url: `${base}/plan.pdf`, headers: { authorization: `Bearer ${await tokenOf(c.coordinator.username)}` } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Min samtale og min plan');
    expect(text).toContain('Komme ud blandt andre en gang om ugen');
    expect(text).toContain('Prøve en cirkel i Viby');
    expect(text).toContain('Vært: Lone');
    expect(text).toContain('Vært: Birthe');
    expect(text).toContain('Følgeven: Jens');
    expect(text).toContain('Synge i kor igen');
    expect(text).toContain('46 31 00 09');
    expect(text).not.toMatch(/notesentinel|Fortrolig|Sørensen|Hansen|Madsen|20304050|20304051|WHO|loneliness/);
    expect(text.replace(/\D/g, '')).not.toContain(c.cpr);
    // Only who may read the case's words: not the GP, not a colleague of the area.
    expect((await t.call(c.gp, 'GET', `${base}/citizen-copy`)).status).toBe(403);
    const colleague = await createBrobygger(t.ds, c.m, [], 5);
    expect((await t.call(colleague, 'GET', `${base}/citizen-copy`)).status).toBe(404);
  });

  async function tokenOf(username: string): Promise<string> {
    const res = await t.api.getHttpAdapter().getInstance().inject({ method: 'POST', url: '/v1/auth/dev-token', payload: { username } });
    return res.json<{ accessToken: string }>().accessToken;
  }
});

async function pdfText(bytes: Buffer): Promise<string> {
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  const text = (await parser.getText()).text.replace(/\s+/g, ' ');
  await parser.destroy();
  return text;
}
