import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import {
  bootApi,
  bootWorker,
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  http,
  referralBody,
  TestUser,
  validCpr,
  waitFor,
} from './kit';

describe('referral intake and views (e2e)', () => {
  let api: NestFastifyApplication;
  let ds: DataSource;
  const tokens = new Map<string, string>();

  async function tokenOf(user: TestUser): Promise<string> {
    if (!tokens.has(user.id)) {
      const res = await http(api, 'POST', '/v1/auth/dev-token', { body: { username: user.username } });
      tokens.set(user.id, res.body.accessToken);
    }
    return tokens.get(user.id)!;
  }

  async function submit(user: TestUser, body: unknown, headers: Record<string, string> = {}) {
    return http(api, 'POST', '/v1/referrals', { token: await tokenOf(user), body, headers });
  }

  /** Rows in every table intake writes, for one municipality. */
  async function rowCounts(municipalityId: string) {
    const [row] = await ds.query(
      `SELECT (SELECT count(*) FROM citizen WHERE municipality_id = $1)::int AS citizens,
              (SELECT count(*) FROM referral WHERE municipality_id = $1)::int AS referrals,
              (SELECT count(*) FROM consent WHERE municipality_id = $1)::int AS consents,
              (SELECT count(*) FROM outbox WHERE municipality_id = $1)::int AS outbox,
              (SELECT count(*) FROM audit_log WHERE municipality_id = $1 AND action <> 'referral.read')::int AS audit`,
      [municipalityId],
    );
    return row;
  }

  /** A municipality with a coordinator, two GPs of one clinic, a GP of another, and a brobygger. */
  async function world() {
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    return {
      m,
      area,
      coordinator: await createUser(ds, m, 'coordinator'),
      gp: await createUser(ds, m, 'referrer', 'Lægehuset Algade'),
      clinicColleague: await createUser(ds, m, 'referrer', 'Lægehuset Algade'),
      otherGp: await createUser(ds, m, 'referrer', 'Lægerne i Viby'),
      brobygger: await createBrobygger(ds, m, [area]),
    };
  }

  beforeAll(async () => {
    api = await bootApi();
    ds = api.get(DataSource);
  });
  afterAll(() => api.close());

  describe('POST /v1/referrals', () => {
    it('stores the citizen, the referral, consents, the outbox row and the audit row in one go', async () => {
      const w = await world();
      const res = await submit(w.gp, referralBody());
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), status: 'submitted', createdAt: expect.any(String) });
      expect(await rowCounts(w.m)).toEqual({ citizens: 1, referrals: 1, consents: 5, outbox: 2, audit: 1 });

      const [outbox] = await ds.query("SELECT job_name, payload FROM outbox WHERE municipality_id = $1 AND job_name = 'matching.match'", [
        w.m,
      ]);
      expect(outbox.job_name).toBe('matching.match');
      expect(Object.keys(outbox.payload).sort()).toEqual(['municipalityId', 'referralId', 'requestId', 'v']);
      expect(outbox.payload.referralId).toBe(res.body.id);
    });

    it('never stores the CPR number readable', async () => {
      const w = await world();
      const cpr = validCpr();
      await submit(w.gp, referralBody({ cpr }));
      const [citizen] = await ds.query('SELECT * FROM citizen WHERE municipality_id = $1', [w.m]);
      expect(JSON.stringify(citizen)).not.toContain(cpr);
      expect(citizen.cpr_key_id).toBe('k1');
    });

    it('refuses a referral without the citizen’s consent: 422 and nothing stored', async () => {
      const w = await world();
      for (const consent of [null, { referral: false, method: 'verbal' }, { method: 'verbal' }]) {
        const res = await submit(w.gp, referralBody({ consent }));
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject({
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: expect.stringContaining('consent.referral'),
        });
      }
      expect(await rowCounts(w.m)).toEqual({ citizens: 0, referrals: 0, consents: 0, outbox: 0, audit: 0 });
    });

    it('refuses an invalid CPR number: 422 that names the field, never the value, and nothing stored', async () => {
      const w = await world();
      for (const cpr of ['3102451234', '12345', '0101451234567']) {
        const res = await submit(w.gp, referralBody({ cpr }));
        expect(res.status).toBe(422);
        expect(res.body.message).toContain('citizen.cpr');
        expect(JSON.stringify(res.body)).not.toContain(cpr);
      }
      expect(await rowCounts(w.m)).toEqual({ citizens: 0, referrals: 0, consents: 0, outbox: 0, audit: 0 });
    });

    it('answers malformed input with 400 naming each field, and rejects smuggled fields', async () => {
      const w = await world();
      const body = referralBody({ postcode: '40', reasons: ['boredom'] }) as Record<string, unknown>;
      const res = await submit(w.gp, { ...body, municipalityId: w.m, assigneeId: w.brobygger.brobyggerId, status: 'assigned' });
      expect(res.status).toBe(400);
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['municipalityId', 'assigneeId', 'status', 'citizen.address.postcode', 'reasons']));
      expect((await http(api, 'POST', '/v1/referrals', { token: await tokenOf(w.gp), rawBody: '{"citizen":' })).status).toBe(400);
      expect((await submit(w.gp, referralBody(), { 'idempotency-key': 'spaces are not allowed' })).status).toBe(400);
      // Found by the fuzzer: a body without a citizen (or an address) was a 500.
      const { citizen, ...noCitizen } = referralBody();
      const withoutCitizen = await submit(w.gp, noCitizen);
      expect([withoutCitizen.status, withoutCitizen.body.details]).toEqual([
        400,
        [{ field: 'citizen', problems: [expect.any(String)], codes: ['required'] }],
      ]);
      const noAddress = await submit(w.gp, { ...referralBody(), citizen: { ...citizen, address: undefined } });
      expect([noAddress.status, noAddress.body.details?.[0]?.field]).toEqual([400, 'citizen.address']);
      expect(await rowCounts(w.m)).toEqual({ citizens: 0, referrals: 0, consents: 0, outbox: 0, audit: 0 });
    });

    it('lets referrers and coordinators submit; a brobygger gets 403 and no token 401', async () => {
      const w = await world();
      expect((await submit(w.coordinator, referralBody())).status).toBe(201);
      expect((await submit(w.brobygger, referralBody())).status).toBe(403);
      expect((await http(api, 'POST', '/v1/referrals', { body: referralBody() })).status).toBe(401);
    });

    it('links a referral of a citizen who already has an open case from the same clinic, instead of a second case', async () => {
      const w = await world();
      const cpr = validCpr();
      const first = await submit(w.gp, referralBody({ cpr }));
      const second = await submit(
        w.clinicColleague,
        referralBody({ cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}`, reasons: ['bereavement'], note: 'Ny henvendelse' }),
      );
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ id: first.body.id, status: 'submitted', linked: true });
      expect((await rowCounts(w.m)).referrals).toBe(1);

      const full = await http(api, 'GET', `/v1/referrals/${first.body.id}`, { token: await tokenOf(w.coordinator) });
      expect(full.body.linkedReferrals).toEqual([expect.objectContaining({ reasons: ['bereavement'], note: 'Ny henvendelse' })]);
      // The colleague now has a relation of their own to the case; another clinic has none (ADR 0014, test/linking.e2e-spec.ts).
      expect((await http(api, 'GET', `/v1/referrals/${first.body.id}`, { token: await tokenOf(w.clinicColleague) })).status).toBe(200);
      expect((await http(api, 'GET', `/v1/referrals/${first.body.id}`, { token: await tokenOf(w.otherGp) })).status).toBe(404);
    });

    it('replays an Idempotency-Key: same user and key give the first result', async () => {
      const w = await world();
      const body = referralBody();
      const first = await submit(w.gp, body, { 'idempotency-key': 'gp-system-42' });
      const again = await submit(w.gp, body, { 'idempotency-key': 'gp-system-42' });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect((await rowCounts(w.m)).referrals).toBe(1);
      expect((await rowCounts(w.m)).consents).toBe(5);

      const misuse = await submit(w.gp, referralBody(), { 'idempotency-key': 'gp-system-42' });
      expect(misuse.status).toBe(409);
      // Another user's identical key is their own.
      expect((await submit(w.clinicColleague, referralBody(), { 'idempotency-key': 'gp-system-42' })).body.id).not.toBe(first.body.id);
    });

    it('gives one case for 20 concurrent replays of the same request', async () => {
      const w = await world();
      const body = referralBody();
      const token = await tokenOf(w.gp);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => http(api, 'POST', '/v1/referrals', { token, body, headers: { 'idempotency-key': 'burst-1' } })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await rowCounts(w.m)).toEqual({ citizens: 1, referrals: 1, consents: 5, outbox: 2, audit: 1 });
    });

    it('gives one case for concurrent referrals of one citizen without keys (linked, not duplicated)', async () => {
      const w = await world();
      const cpr = validCpr();
      const results = await Promise.all(Array.from({ length: 8 }, () => submit(w.gp, referralBody({ cpr }))));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(results.filter((r) => r.body.linked).length).toBe(7);
      expect((await rowCounts(w.m)).referrals).toBe(1);
    });
  });

  describe('GET /v1/referrals/:id', () => {
    it('gives the coordinator the full case with the CPR masked', async () => {
      const w = await world();
      const cpr = validCpr();
      const { body: created } = await submit(w.gp, referralBody({ cpr }));
      const res = await http(api, 'GET', `/v1/referrals/${created.id}`, { token: await tokenOf(w.coordinator) });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: created.id,
        status: 'submitted',
        citizen: { cpr: `${cpr.slice(0, 6)}-****`, name: 'Inger Jensen', address: { postcode: '4000' } },
        reasons: ['loneliness', 'low_wellbeing'],
        note: expect.any(String),
        assignee: null,
        consents: { referral: true, referrerFeedback: 'status', shareWithHost: true, sms: false, statistics: true },
        statusHistory: [{ from: null, to: 'submitted', at: expect.any(String) }],
      });
      expect(JSON.stringify(res.body)).not.toContain(cpr);
    });

    it('gives the referrer and their clinic the referrer view cut to the consent level, and nothing else', async () => {
      const w = await world();
      const { body: created } = await submit(
        w.gp,
        referralBody({ consent: { referral: true, referrerFeedback: 'none', method: 'written' } }),
      );
      for (const user of [w.gp, w.clinicColleague]) {
        const res = await http(api, 'GET', `/v1/referrals/${created.id}`, { token: await tokenOf(user) });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ id: created.id, status: 'received', milestones: [{ status: 'received', at: expect.any(String) }] });
      }
    });

    it('shows the referrer the milestones at "status", and never notes, citizen or reasons', async () => {
      const w = await world();
      const { body: created } = await submit(w.gp, referralBody());
      // The case moves on (as matching will do): assigned to the brobygger.
      await ds.query("UPDATE referral SET status = 'assigned', assignee_id = $2 WHERE id = $1", [created.id, w.brobygger.brobyggerId]);
      await ds.query(
        "INSERT INTO referral_status_change (municipality_id, referral_id, from_status, to_status) VALUES ($1, $2, 'submitted', 'assigned')",
        [w.m, created.id],
      );
      const res = await http(api, 'GET', `/v1/referrals/${created.id}`, { token: await tokenOf(w.gp) });
      expect(res.body.status).toBe('assigned');
      expect(res.body.milestones.map((m: { status: string }) => m.status)).toEqual(['received', 'assigned']);
      expect(Object.keys(res.body).sort()).toEqual(['id', 'milestones', 'status']);
    });

    it('answers 404 to a GP of another clinic, a colleague brobygger, and another municipality', async () => {
      const w = await world();
      const other = await world();
      const { body: created } = await submit(w.gp, referralBody());
      const strangers = [w.otherGp, w.brobygger, other.coordinator, other.gp];
      for (const user of strangers) {
        const res = await http(api, 'GET', `/v1/referrals/${created.id}`, { token: await tokenOf(user) });
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'not_found', message: 'Referral not found' });
      }
      const missing = await http(api, 'GET', '/v1/referrals/00000000-0000-4000-8000-000000000000', { token: await tokenOf(w.coordinator) });
      expect(missing.status).toBe(404);
      expect((await http(api, 'GET', '/v1/referrals/not-a-uuid', { token: await tokenOf(w.coordinator) })).status).toBe(400);
    });

    it('shows the assigned brobygger the full case; an area colleague sees unassigned cases without notes', async () => {
      const w = await world();
      const { body: created } = await submit(w.gp, referralBody({ note: 'Fortrolig note' }));
      await ds.query("UPDATE referral SET status = 'unassigned', area_id = $2 WHERE id = $1", [created.id, w.area]);
      const areaView = await http(api, 'GET', `/v1/referrals/${created.id}`, { token: await tokenOf(w.brobygger) });
      expect(areaView.status).toBe(200);
      expect(areaView.body.note).toBeUndefined();
      expect(JSON.stringify(areaView.body)).not.toContain('Fortrolig note');

      await ds.query("UPDATE referral SET status = 'assigned', assignee_id = $2 WHERE id = $1", [created.id, w.brobygger.brobyggerId]);
      const own = await http(api, 'GET', `/v1/referrals/${created.id}`, { token: await tokenOf(w.brobygger) });
      expect(own.body.note).toBe('Fortrolig note');
      expect(own.body.assignee).toEqual({ id: w.brobygger.brobyggerId, userId: w.brobygger.id, displayName: 'Test brobygger' });
    });

    it('writes an audit row for every read', async () => {
      const w = await world();
      const { body: created } = await submit(w.gp, referralBody());
      await http(api, 'GET', `/v1/referrals/${created.id}`, { token: await tokenOf(w.coordinator) });
      await http(api, 'GET', `/v1/referrals/${created.id}`, { token: await tokenOf(w.gp) });
      const rows = await ds.query(
        "SELECT user_id, role, purpose FROM audit_log WHERE referral_id = $1 AND action = 'referral.read' ORDER BY id",
        [created.id],
      );
      expect(rows).toEqual([
        { user_id: w.coordinator.id, role: 'coordinator', purpose: 'casework' },
        { user_id: w.gp.id, role: 'referrer', purpose: 'referrer_feedback' },
      ]);
    });
  });

  describe('GET /v1/referrals', () => {
    it('lists by role, paged and filtered, and audits each revealed case', async () => {
      const w = await world();
      const mine = [];
      for (let i = 0; i < 3; i++) mine.push((await submit(w.gp, referralBody())).body.id);
      const theirs = (await submit(w.otherGp, referralBody())).body.id;

      const all = await http(api, 'GET', '/v1/referrals?limit=2&sort=createdAt', { token: await tokenOf(w.coordinator) });
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(4);
      expect(all.body.items.map((i: { id: string }) => i.id)).toEqual(mine.slice(0, 2));
      expect(all.body.items[0].citizen.cpr).toMatch(/^\d{6}-\*{4}$/);
      expect(all.body.items[0].note).toBeUndefined();

      const gpList = await http(api, 'GET', '/v1/referrals', { token: await tokenOf(w.gp) });
      expect(gpList.body.total).toBe(3);
      // The referrer view, and whom and why they referred (ADR 0024).
      expect(gpList.body.items.every((i: object) => Object.keys(i).sort().join() === 'citizen,id,milestones,reasons,status')).toBe(true);
      expect(gpList.body.items.map((i: { id: string }) => i.id)).not.toContain(theirs);

      expect((await http(api, 'GET', '/v1/referrals', { token: await tokenOf(w.brobygger) })).body).toEqual({ items: [], total: 0 });
      expect((await http(api, 'GET', '/v1/referrals?status=assigned', { token: await tokenOf(w.coordinator) })).body.total).toBe(0);
      expect((await http(api, 'GET', '/v1/referrals?status=nonsense', { token: await tokenOf(w.coordinator) })).status).toBe(400);
      expect((await http(api, 'GET', '/v1/referrals?limit=500', { token: await tokenOf(w.coordinator) })).status).toBe(400);

      const [{ n }] = await ds.query("SELECT count(*)::int AS n FROM audit_log WHERE user_id = $1 AND action = 'referral.list'", [
        w.coordinator.id,
      ]);
      expect(n).toBe(2);
    });
  });

  it('tells a coordinator who accessed a citizen’s data — and that they looked', async () => {
    const w = await world();
    const other = await world();
    const { body: created } = await submit(w.gp, referralBody());
    await http(api, 'GET', `/v1/referrals/${created.id}`, { token: await tokenOf(w.coordinator) });
    const [{ citizen_id }] = await ds.query('SELECT citizen_id FROM referral WHERE id = $1', [created.id]);

    const log = await http(api, 'GET', `/v1/citizens/${citizen_id}/access-log`, { token: await tokenOf(w.coordinator) });
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string; userId: string }) => [e.action, e.userId])).toEqual([
      ['referral.read', w.coordinator.id],
      ['referral.create', w.gp.id],
    ]);
    // Named as the citizen would be told: a name and a role.
    expect(log.body.items.map((e: { userName: string; role: string }) => [e.userName, e.role])).toEqual([
      ['Test coordinator', 'coordinator'],
      ['Test referrer', 'referrer'],
    ]);
    const again = await http(api, 'GET', `/v1/citizens/${citizen_id}/access-log`, { token: await tokenOf(w.coordinator) });
    expect(again.body.items[0]).toMatchObject({ action: 'citizen.access-log', purpose: 'right_of_access' });

    expect((await http(api, 'GET', `/v1/citizens/${citizen_id}/access-log`, { token: await tokenOf(other.coordinator) })).status).toBe(404);
    expect((await http(api, 'GET', `/v1/citizens/${citizen_id}/access-log`, { token: await tokenOf(w.gp) })).status).toBe(403);
  });

  it('serves the reason codes', async () => {
    const w = await world();
    const res = await http(api, 'GET', '/v1/reference/reasons', { token: await tokenOf(w.gp) });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { code: string }) => r.code)).toEqual([
      'loneliness',
      'bereavement',
      'low_wellbeing',
      'stress_or_anxiety',
      'physical_inactivity',
      'life_transition',
      'unemployment',
      'other',
    ]);
  });

  it('hands an accepted referral to the worker, which routes it', async () => {
    // Any test worker's relay may carry the job (they share the database), so the
    // proof is in the database: the row is relayed and the referral leaves `submitted`.
    const worker = await bootWorker({ WORKER_PORT: '0' });
    try {
      const w = await world();
      const { body } = await submit(w.gp, referralBody());
      const [{ id: outboxId }] = await ds.query("SELECT id FROM outbox WHERE payload->>'referralId' = $1 AND job_name = 'matching.match'", [
        body.id,
      ]);
      await waitFor('the outbox row marked relayed', async () => {
        const [row] = await ds.query('SELECT relayed_at FROM outbox WHERE id = $1', [outboxId]);
        return row.relayed_at !== null;
      });
      await waitFor('the job done and its outbox row marked so', async () => {
        const [row] = await ds.query('SELECT done_at FROM outbox WHERE id = $1', [outboxId]);
        return row.done_at !== null;
      });
      await waitFor('the referral routed', async () => {
        const [row] = await ds.query('SELECT status FROM referral WHERE id = $1', [body.id]);
        return row.status !== 'submitted';
      });
    } finally {
      await worker.close();
    }
  });
});
