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

    const res = await t.call(coordinator, 'GET', '/v1/statistics');
    expect(res.status).toBe(200);
    expect(res.body.countedCases).toBe(1);
    expect(res.body.referralsPerMonth.map((r: any) => [r.reason, r.count])).toEqual([
      ['bereavement', 1],
      ['loneliness', 1],
    ]);
    expect(res.body.referralsPerMonth[0].month).toMatch(/^\d{4}-\d{2}$/);
    expect(res.body.referralsPerArea).toEqual([{ areaId: area, areaName: expect.any(String), count: 1 }]);
    expect(res.body.daysToFirstContact.cases).toBe(1);
    expect(res.body.daysToFirstContact.median).toBeGreaterThanOrEqual(0);
    expect(res.body.outcomes).toEqual([{ outcome: 'goal_reached', count: 1 }]);
    expect(res.body.wellbeingChange).toEqual({ cases: 1, who5: 68 - 32, ucla3: 5 - 8 });
    expect(JSON.stringify(res.body)).not.toMatch(/Inger|Jensen|Mistet/);

    // Another municipality sees its own (empty) numbers; staff other than coordinators none.
    expect((await t.call(other, 'GET', '/v1/statistics')).body.countedCases).toBe(0);
    expect((await t.call(brobygger, 'GET', '/v1/statistics')).status).toBe(403);
    expect((await t.call(gp, 'GET', '/v1/statistics')).status).toBe(403);
  });
});
