import { createArea, createBrobygger, createMunicipality, createUser, referralBody, waitFor, withApiAndWorker } from './kit';

describe('statistics (e2e)', () => {
  const t = withApiAndWorker();

  const conversation = (kind: string, who5: number[], ucla3: number[], heldAt: string) => ({
    heldAt,
    durationMinutes: 60,
    location: 'Havehuset',
    kind,
    who5,
    ucla3,
  });

  it('counts only cases whose consent allows statistics, and shows numbers, never people', async () => {
    const m = await createMunicipality(t.ds);
    const area = await createArea(t.ds, m, ['4000']);
    const brobygger = await createBrobygger(t.ds, m, [area], 5);
    const coordinator = await createUser(t.ds, m, 'coordinator');
    const gp = await createUser(t.ds, m, 'referrer');
    const other = await createUser(t.ds, await createMunicipality(t.ds, 'Anden kommune'), 'coordinator');

    const refer = async (reasons: string[], statistics: boolean) => {
      const { body } = await t.call(
        gp,
        'POST',
        '/v1/referrals',
        referralBody({ reasons, consent: { referral: true, statistics, method: 'verbal' } }),
      );
      await waitFor(
        'assigned',
        async () => (await t.ds.query('SELECT status FROM referral WHERE id = $1', [body.id]))[0].status === 'assigned',
      );
      return body.id as string;
    };
    const counted = await refer(['loneliness', 'bereavement'], true);
    const withheld = await refer(['unemployment'], false);
    const withdrawn = await refer(['stress_or_anxiety'], true);
    // Withdrawn later: counted no more.
    expect(
      (await t.call(coordinator, 'POST', `/v1/referrals/${withdrawn}/consents`, { scope: 'statistics', value: false, method: 'written' }))
        .status,
    ).toBe(200);

    for (const id of [counted, withheld]) {
      await t.call(brobygger, 'POST', `/v1/referrals/${id}/contact-attempts`, { outcome: 'reached' });
      await t.call(
        brobygger,
        'POST',
        `/v1/referrals/${id}/conversations`,
        conversation('first', [2, 1, 2, 1, 2], [3, 3, 2], '2026-11-20T10:00:00+01:00'),
      );
      await t.call(
        brobygger,
        'POST',
        `/v1/referrals/${id}/conversations`,
        conversation('follow_up', [4, 3, 3, 3, 4], [2, 1, 2], new Date(Date.now() - 3_600_000).toISOString()), // held: not in the future
      );
      await t.call(brobygger, 'POST', `/v1/referrals/${id}/close`, { outcome: id === counted ? 'goal_reached' : 'moved' });
    }

    // One counted case: every count of it is under 5, so shown as suppressed, and no average of one citizen's values.
    const res = await t.call(coordinator, 'GET', '/v1/statistics');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ threshold: 5, countedCases: null, countedCasesSuppressed: true, countedCasesSuppression: 'small' });
    expect(res.body.referralsPerMonth.map((r: any) => [r.reason, r.count, r.suppressed, r.suppression])).toEqual([
      ['bereavement', null, true, 'small'],
      ['loneliness', null, true, 'small'],
    ]);
    expect(res.body.referralsPerMonth[0].month).toMatch(/^\d{4}-\d{2}$/);
    expect(res.body.referralsPerArea).toEqual([
      { areaId: area, areaName: expect.any(String), count: null, suppressed: true, suppression: 'small' },
    ]);
    expect(res.body.daysToFirstContact).toEqual({ cases: null, suppressed: true, median: null, average: null });
    expect(res.body.outcomes).toEqual([{ outcome: 'goal_reached', count: null, suppressed: true, suppression: 'small' }]);
    expect(res.body.wellbeingChange).toEqual({ cases: null, suppressed: true, who5: null, ucla3: null });
    expect(JSON.stringify(res.body)).not.toMatch(/Inger|Jensen|Mistet/);

    // Another municipality sees its own (empty) numbers; staff other than coordinators none.
    expect((await t.call(other, 'GET', '/v1/statistics')).body).toMatchObject({ countedCases: 0, countedCasesSuppressed: false });
    expect((await t.call(brobygger, 'GET', '/v1/statistics')).status).toBe(403);
    expect((await t.call(gp, 'GET', '/v1/statistics')).status).toBe(403);
  });

  it('suppresses counts under 5 with the council report’s rule, hiding a complementary cell where a total would give one away', async () => {
    const m = await createMunicipality(t.ds);
    const north = await createArea(t.ds, m, ['4000']);
    const south = await createArea(t.ds, m, ['4100']);
    await createBrobygger(t.ds, m, [north, south], 20);
    const coordinator = await createUser(t.ds, m, 'coordinator');
    const gp = await createUser(t.ds, m, 'referrer');
    const ids: string[] = [];
    // Six in the north, two in the south: 8 in all, so "2" is "< 5" and the 6 must go too (8 − 6 = 2).
    for (const postcode of ['4000', '4000', '4000', '4000', '4000', '4000', '4100', '4100']) {
      const { body } = await t.call(gp, 'POST', '/v1/referrals', referralBody({ postcode, reasons: ['loneliness'] }));
      ids.push(body.id as string);
    }
    await waitFor('all assigned', async () => {
      const rows = await t.ds.query("SELECT count(*)::int AS n FROM referral WHERE id = ANY($1) AND status = 'assigned'", [ids]);
      return rows[0].n === ids.length;
    });
    const res = await t.call(coordinator, 'GET', '/v1/statistics');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ countedCases: 8, countedCasesSuppressed: false });
    const byArea = Object.fromEntries(res.body.referralsPerArea.map((a: any) => [a.areaId, a]));
    expect(byArea[south]).toMatchObject({ count: null, suppressed: true, suppression: 'small' });
    expect(byArea[north]).toMatchObject({ count: null, suppressed: true, suppression: 'complementary' });
    expect(res.body.referralsPerMonth).toEqual([expect.objectContaining({ reason: 'loneliness', count: 8, suppressed: false })]);
  });
});
