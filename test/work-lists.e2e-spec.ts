import { Clock } from '@bro/platform';
import {
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  referralBody,
  validCpr,
  waitFor,
  withApiAndWorker,
  type TestUser,
} from './kit';

/**
 * Issue 15, "find the citizen": search and filters on the case list, CPR search in a
 * body, follow-up rows that name their citizen and brobygger, and reopening a closed
 * case — against the real api, worker, PostgreSQL and Redis.
 */
describe('work lists: find the citizen (e2e)', () => {
  const t = withApiAndWorker();
  afterEach(() => jest.restoreAllMocks());

  async function team() {
    const m = await createMunicipality(t.ds);
    const area = await createArea(t.ds, m, ['4000']);
    const brobygger = await createBrobygger(t.ds, m, [area], 10);
    const coordinator = await createUser(t.ds, m, 'coordinator');
    const gp = await createUser(t.ds, m, 'referrer');
    return { m, area, brobygger, coordinator, gp };
  }

  async function refer(
    gp: TestUser,
    citizen: { name?: string; phone?: string; cpr?: string } = {},
    reasons?: string[],
  ): Promise<{ id: string; cpr: string }> {
    const body = referralBody({ cpr: citizen.cpr, reasons });
    Object.assign(body.citizen, { ...(citizen.name ? { name: citizen.name } : {}), ...(citizen.phone ? { phone: citizen.phone } : {}) });
    const res = await t.call(gp, 'POST', '/v1/referrals', body);
    expect(res.status).toBe(201);
    return { id: res.body.id, cpr: body.citizen.cpr };
  }

  const statusOf = async (id: string, status: string) =>
    waitFor(
      `referral ${status}`,
      async () => (await t.ds.query('SELECT 1 FROM referral WHERE id = $1 AND status = $2', [id, status])).length > 0,
    );

  it('finds a case by a fragment of the name, whatever the case and accents, or of the phone; filters; counts the total', async () => {
    const { brobygger, coordinator, gp } = await team();
    const soren = await refer(gp, { name: 'Søren Ålund-Hansen', phone: '+4522334455' }, ['bereavement']);
    const inger = await refer(gp, { name: 'Inger Jensen', phone: '+4520123456' }, ['loneliness']);
    await statusOf(soren.id, 'assigned');
    await statusOf(inger.id, 'assigned');
    const ids = async (user: TestUser, query: string) => {
      const res = await t.call(user, 'GET', `/v1/referrals?${query}`);
      expect(res.status).toBe(200);
      return { ids: res.body.items.map((i: { id: string }) => i.id), total: res.body.total, items: res.body.items };
    };

    for (const q of ['soren', 'SØREN', 'alund', 'Ålund-H', 'øren å']) {
      expect(await ids(coordinator, `q=${encodeURIComponent(q)}`)).toMatchObject({ ids: [soren.id], total: 1 });
    }
    expect((await ids(coordinator, 'q=2233')).ids).toEqual([soren.id]);
    expect((await ids(coordinator, `q=${encodeURIComponent('20 12 34')}`)).ids).toEqual([inger.id]);
    // LIKE's wildcards are characters like any other.
    expect((await ids(coordinator, 'q=%25%25')).total).toBe(0);
    // The brobygger finds their own the same way, and names each row.
    const mine = await ids(brobygger, 'q=jensen');
    expect(mine.ids).toEqual([inger.id]);
    expect(mine.items[0].citizen).toMatchObject({ name: 'Inger Jensen', cpr: `${inger.cpr.slice(0, 6)}-****` });
    expect(mine.items[0].assignee).toMatchObject({ id: brobygger.brobyggerId, displayName: 'Test brobygger' });

    expect((await ids(coordinator, 'reason=bereavement')).ids).toEqual([soren.id]);
    expect((await ids(coordinator, 'status=open')).total).toBe(2);
    expect((await ids(coordinator, 'status=closed')).total).toBe(0);
    expect((await ids(coordinator, 'sort=name')).ids).toEqual([inger.id, soren.id]);
    expect((await ids(coordinator, 'sort=-name')).ids).toEqual([soren.id, inger.id]);
    expect(await ids(coordinator, 'sort=name&limit=1&offset=1')).toMatchObject({ ids: [soren.id], total: 2 });

    await t.ds.query("UPDATE referral SET needs_attention = 'matching_failed' WHERE id = $1", [inger.id]);
    expect((await ids(coordinator, 'needsAttention=true')).ids).toEqual([inger.id]);
    expect((await ids(coordinator, 'needsAttention=false')).ids).toEqual([soren.id]);

    await t.call(coordinator, 'POST', `/v1/referrals/${inger.id}/close`, { outcome: 'moved' });
    expect((await ids(coordinator, 'status=closed')).ids).toEqual([inger.id]);
    expect((await ids(brobygger, 'status=open')).ids).toEqual([soren.id]);
  });

  it('refuses a CPR number in the URL without repeating it, and bad filters with a 400', async () => {
    const { coordinator } = await team();
    const cpr = validCpr();
    for (const q of [cpr, `${cpr.slice(0, 6)}-${cpr.slice(6)}`, `x ${cpr}`]) {
      const res = await t.call(coordinator, 'GET', `/v1/referrals?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toContain(cpr.slice(6));
      expect(JSON.stringify(res.body)).toContain('POST /v1/referrals/search');
    }
    // A phone number with its country code is not a CPR number.
    expect((await t.call(coordinator, 'GET', `/v1/referrals?q=${encodeURIComponent('+4520123456')}`)).status).toBe(200);
    for (const query of ['q=a', 'reason=nope', 'needsAttention=yes', 'status=half', 'sort=cpr']) {
      expect((await t.call(coordinator, 'GET', `/v1/referrals?${query}`)).status).toBe(400);
    }
  });

  it("gives a referrer their own: the name and reasons they sent, never the case's, and none of staff's filters", async () => {
    const { coordinator, gp, m } = await team();
    const first = await refer(gp, { name: 'Ellen Holm' }, ['loneliness']);
    await statusOf(first.id, 'assigned');
    // Another clinic refers the same citizen with another spelling: held as a possible duplicate.
    const other = await createUser(t.ds, m, 'referrer');
    const held = await refer(other, { name: 'Ellen M. Holm', cpr: first.cpr }, ['bereavement']);
    expect(held.id).not.toBe(first.id);

    const theirs = await t.call(other, 'GET', '/v1/referrals');
    expect(theirs.body).toMatchObject({ total: 1 });
    expect(theirs.body.items[0]).toMatchObject({
      id: held.id,
      status: 'received',
      citizen: { name: 'Ellen M. Holm', cpr: `${first.cpr.slice(0, 6)}-****` },
      reasons: ['bereavement'],
    });
    const own = await t.call(gp, 'GET', '/v1/referrals');
    expect(own.body.items[0]).toMatchObject({ id: first.id, citizen: { name: 'Ellen Holm' }, reasons: ['loneliness'] });

    for (const query of ['q=holm', 'reason=loneliness', 'needsAttention=true', 'status=open', 'sort=name']) {
      const res = await t.call(other, 'GET', `/v1/referrals?${query}`);
      expect(res.status).toBe(400);
    }
    // Staff see both rows, each named.
    const all = await t.call(coordinator, 'GET', '/v1/referrals?q=holm');
    expect(all.body.total).toBe(2);
  });

  it('searches by CPR in the body: the cases the caller may see, audited with its purpose', async () => {
    const { brobygger, coordinator, gp, m, area } = await team();
    const a = await refer(gp, { name: 'Karen Bech' });
    await statusOf(a.id, 'assigned');
    const otherBrobygger = await createBrobygger(t.ds, m, [area], 10);
    const strangerGp = await createUser(t.ds, m, 'referrer');

    const search = (user: TestUser, cpr: string) => t.call(user, 'POST', '/v1/referrals/search', { cpr });
    const dashed = `${a.cpr.slice(0, 6)}-${a.cpr.slice(6)}`;
    for (const [user, expected] of [
      [coordinator, [a.id]],
      [brobygger, [a.id]],
      [gp, [a.id]],
      [otherBrobygger, []],
      [strangerGp, []],
    ] as const) {
      const res = await search(user, dashed);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(expected);
      expect(res.body.total).toBe(expected.length);
    }
    expect((await search(coordinator, validCpr())).body).toEqual({ items: [], total: 0 });
    const invalid = await search(coordinator, '3213451234');
    expect(invalid.status).toBe(422);
    expect(JSON.stringify(invalid.body)).not.toContain('3213451234');
    expect((await t.call(coordinator, 'POST', '/v1/referrals/search', { cpr: 1234 })).status).toBe(400);

    const audit = await t.ds.query("SELECT user_id, action FROM audit_log WHERE referral_id = $1 AND purpose = 'cpr_search' ORDER BY id", [
      a.id,
    ]);
    expect(audit.map((r: { user_id: string }) => r.user_id)).toEqual([coordinator.id, brobygger.id, gp.id]);
    const found = await t.ds.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'citizen.search' AND user_id = $1", [
      coordinator.id,
    ]);
    expect(found[0].n).toBe(1);
  });

  it('names the citizen and the brobygger on each follow-up row for those who may see the case', async () => {
    const { brobygger, coordinator, gp } = await team();
    const a = await refer(gp, { name: 'Poul Friis' });
    await waitFor('the first-contact follow-up', async () => {
      const rows = await t.ds.query("SELECT 1 FROM follow_up WHERE referral_id = $1 AND kind = 'first_contact'", [a.id]);
      return rows.length > 0;
    });
    for (const user of [coordinator, brobygger]) {
      const res = await t.call(user, 'GET', '/v1/follow-ups?view=open');
      expect(res.status).toBe(200);
      const row = res.body.items.find((i: { referralId: string }) => i.referralId === a.id);
      expect(row).toMatchObject({
        citizen: { name: 'Poul Friis', cpr: `${a.cpr.slice(0, 6)}-****` },
        assignee: { id: brobygger.brobyggerId, displayName: 'Test brobygger' },
      });
      expect(typeof row.citizen.id).toBe('string');
    }
  });

  it('reopens a completed case within 30 days (coordinators), routing it again to its brobygger', async () => {
    const { brobygger, coordinator, gp } = await team();
    const a = await refer(gp, { name: 'Bodil Krog' });
    await statusOf(a.id, 'assigned');
    const close = await t.call(coordinator, 'POST', `/v1/referrals/${a.id}/close`, { outcome: 'goal_reached' });
    expect(close.status).toBe(200);
    const url = `/v1/referrals/${a.id}/reopen`;

    expect((await t.call(brobygger, 'POST', url, { reason: 'Ringede igen' })).status).toBe(403);
    expect((await t.call(gp, 'POST', url, { reason: 'Ringede igen' })).status).toBe(403);
    expect((await t.call(coordinator, 'POST', url, {})).status).toBe(400);
    const stranger = await createUser(t.ds, await createMunicipality(t.ds), 'coordinator');
    expect((await t.call(stranger, 'POST', url, { reason: 'x' })).status).toBe(404);

    // 31 days after closing it is too late.
    const real = t.api.get(Clock).now();
    jest.spyOn(t.api.get(Clock), 'now').mockReturnValue(new Date(real.getTime() + 31 * 24 * 3600 * 1000));
    const late = await t.call(coordinator, 'POST', url, { reason: 'Ringede igen' });
    expect(late.status).toBe(409);
    jest.restoreAllMocks();

    const res = await t.call(coordinator, 'POST', url, { reason: 'Ringede igen' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: a.id, status: 'submitted' });
    await statusOf(a.id, 'assigned');
    const [row] = await t.ds.query('SELECT assignee_id, closed_at, outcome FROM referral WHERE id = $1', [a.id]);
    expect(row).toEqual({ assignee_id: brobygger.brobyggerId, closed_at: null, outcome: null });
    const [history] = await t.ds.query(
      "SELECT from_status, reason FROM referral_status_change WHERE referral_id = $1 AND to_status = 'submitted' AND from_status IS NOT NULL",
      [a.id],
    );
    expect(history).toEqual({ from_status: 'completed', reason: 'Ringede igen' });
    const audit = await t.ds.query("SELECT user_id FROM audit_log WHERE referral_id = $1 AND action = 'referral.reopen'", [a.id]);
    expect(audit).toEqual([{ user_id: coordinator.id }]);
    const view = await t.call(coordinator, 'GET', `/v1/referrals/${a.id}`);
    expect(view.body.nextActions).not.toContain('reopen');

    // An open case cannot be reopened; nor a completed one while the citizen has another open case.
    expect((await t.call(coordinator, 'POST', url, { reason: 'igen' })).status).toBe(409);
    await t.call(coordinator, 'POST', `/v1/referrals/${a.id}/close`, { outcome: 'moved' });
    const again = await refer(gp, { cpr: a.cpr });
    await statusOf(again.id, 'assigned');
    const busy = await t.call(coordinator, 'POST', url, { reason: 'igen' });
    expect(busy.status).toBe(409);
    expect(busy.body.details).toMatchObject({ openCase: again.id });
  });
});
