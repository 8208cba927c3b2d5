import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AssignmentService } from '@bro/referral';
import { DataSource } from 'typeorm';
import { bootApi, bootWorker, caller, createMunicipality, createUser, referralBody, TestUser, waitFor } from './kit';

describe('areas, brobyggere and matching (e2e)', () => {
  let api: NestFastifyApplication;
  let worker: NestFastifyApplication;
  let ds: DataSource;
  let call: ReturnType<typeof caller>;

  /** A municipality whose coordinator sets up an area through the API. */
  async function municipality(postcodes = ['4000']) {
    const m = await createMunicipality(ds);
    const coordinator = await createUser(ds, m, 'coordinator');
    const gp = await createUser(ds, m, 'referrer');
    const area = await call(coordinator, 'POST', '/v1/areas', { name: 'Roskilde By', postcodes });
    expect(area.status).toBe(201);
    return { m, coordinator, gp, areaId: area.body.id as string };
  }

  async function addBrobygger(coordinator: TestUser, areaIds: string[], capacity: number, languages?: string[]) {
    const res = await call(coordinator, 'POST', '/v1/brobyggere', {
      username: `bro.${Math.random().toString(36).slice(2, 10)}`,
      displayName: 'Brobygger',
      areaIds,
      capacity,
      ...(languages ? { languages } : {}),
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; userId: string; username: string };
  }

  async function statusOf(id: string): Promise<{ status: string; assignee_id: string | null; unassigned_reason: string | null }> {
    const [row] = await ds.query('SELECT status, assignee_id, unassigned_reason FROM referral WHERE id = $1', [id]);
    return row;
  }
  const routed = (id: string) =>
    waitFor(`referral ${id} routed`, async () => ((await statusOf(id)).status === 'submitted' ? null : statusOf(id)));

  beforeAll(async () => {
    api = await bootApi();
    worker = await bootWorker({ WORKER_PORT: '0' });
    ds = api.get(DataSource);
    call = caller(api);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  describe('administration', () => {
    it('keeps areas with postcodes; a postcode is in one area only (409)', async () => {
      const { coordinator, areaId } = await municipality(['4000', '4040']);
      const clash = await call(coordinator, 'POST', '/v1/areas', { name: 'Jyllinge', postcodes: ['4040', '4050'] });
      expect(clash.status).toBe(409);
      expect(clash.body.message).toContain('4040');
      expect((await call(coordinator, 'POST', '/v1/areas', { name: 'Roskilde By', postcodes: [] })).status).toBe(409);

      const renamed = await call(coordinator, 'PATCH', `/v1/areas/${areaId}`, { name: 'Roskilde Midt', postcodes: ['4000'] });
      expect(renamed.body).toEqual({ id: areaId, name: 'Roskilde Midt', postcodes: ['4000'] });
      expect((await call(coordinator, 'POST', '/v1/areas', { name: 'Jyllinge', postcodes: ['4040'] })).status).toBe(201);
      const list = await call(coordinator, 'GET', '/v1/areas');
      expect(list.body.total).toBe(2);
      expect((await call(coordinator, 'POST', '/v1/areas', { name: 'X', postcodes: ['40'] })).status).toBe(400);
    });

    it('creates users and brobyggere; the list shows load next to capacity', async () => {
      const { m, coordinator, areaId } = await municipality();
      const user = await call(coordinator, 'POST', '/v1/users', {
        username: `gp.${m.slice(0, 8)}`,
        displayName: 'Dr. Holm',
        role: 'referrer',
        organisation: 'Lægehuset',
      });
      expect(user.status).toBe(201);
      expect(user.body).toMatchObject({ role: 'referrer', organisation: 'Lægehuset', municipalityId: m });
      expect(
        (await call(coordinator, 'POST', '/v1/users', { username: `gp.${m.slice(0, 8)}`, displayName: 'Again', role: 'referrer' })).status,
      ).toBe(409);
      expect((await call(coordinator, 'POST', '/v1/users', { username: 'x.brobygger', displayName: 'X', role: 'brobygger' })).status).toBe(
        400,
      );

      const b = await addBrobygger(coordinator, [areaId], 4, ['da', 'ar']);
      const list = await call(coordinator, 'GET', '/v1/brobyggere');
      expect(list.body.items).toEqual([
        expect.objectContaining({
          id: b.id,
          userId: b.userId,
          username: b.username,
          areaIds: [areaId],
          capacity: 4,
          activeCases: 0,
          languages: ['da', 'ar'],
          active: true,
        }),
      ]);
      const unknownArea = await call(coordinator, 'POST', '/v1/brobyggere', {
        username: 'bro.nowhere',
        displayName: 'B',
        areaIds: ['00000000-0000-4000-8000-000000000000'],
        capacity: 1,
      });
      expect(unknownArea.status).toBe(422);
      const badAbsence = await call(coordinator, 'PATCH', `/v1/brobyggere/${b.id}`, { absentFrom: '2026-12-10', absentTo: '2026-12-01' });
      expect(badAbsence.status).toBe(422);
    });

    it('is for coordinators only', async () => {
      const { gp, m } = await municipality();
      const brobygger = await createUser(ds, m, 'brobygger');
      for (const user of [gp, brobygger]) {
        expect((await call(user, 'POST', '/v1/areas', { name: 'A', postcodes: [] })).status).toBe(403);
        expect((await call(user, 'GET', '/v1/brobyggere')).status).toBe(403);
      }
    });
  });

  describe('matching', () => {
    it('assigns a referral posted over HTTP within 5 seconds; the assignee sees the full case, a colleague 404', async () => {
      const { coordinator, gp, areaId } = await municipality();
      const anna = await addBrobygger(coordinator, [areaId], 5);
      const jonas = await addBrobygger(coordinator, [], 5);
      const started = Date.now();
      const { body } = await call(gp, 'POST', '/v1/referrals', referralBody());
      const state = await routed(body.id);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(state).toEqual({ status: 'assigned', assignee_id: anna.id, unassigned_reason: null });

      const seen = await call(anna, 'GET', `/v1/referrals/${body.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({
        status: 'assigned',
        assignee: { id: anna.id, userId: anna.userId },
        area: { id: areaId, name: 'Roskilde By' },
      });
      expect(seen.body.note).toMatch(/^Mistet sin mand/); // the full case, notes included
      expect((await call(jonas, 'GET', `/v1/referrals/${body.id}`)).status).toBe(404);
      expect((await call(anna, 'GET', '/v1/referrals')).body.total).toBe(1);
      expect((await call(coordinator, 'GET', '/v1/brobyggere')).body.items.find((b: { id: string }) => b.id === anna.id).activeCases).toBe(
        1,
      );
    });

    it('gives eight referrals to an area with total capacity three exactly three assignments', async () => {
      const { coordinator, gp, areaId } = await municipality();
      const a = await addBrobygger(coordinator, [areaId], 2);
      const b = await addBrobygger(coordinator, [areaId], 1);
      const posted = await Promise.all(Array.from({ length: 8 }, () => call(gp, 'POST', '/v1/referrals', referralBody())));
      const states = await Promise.all(posted.map((p) => routed(p.body.id)));
      expect(states.filter((s) => s.status === 'assigned')).toHaveLength(3);
      expect(states.filter((s) => s.status === 'unassigned').map((s) => s.unassigned_reason)).toEqual(Array(5).fill('all_at_capacity'));
      const loads = await ds.query('SELECT id, active_cases, capacity FROM brobygger WHERE id = ANY($1) ORDER BY capacity', [[a.id, b.id]]);
      expect(loads.map((l: { active_cases: number }) => l.active_cases)).toEqual([1, 2]);

      // Capacity frees up: the oldest waiting referrals are matched, in order.
      expect((await call(coordinator, 'PATCH', `/v1/brobyggere/${b.id}`, { capacity: 3 })).status).toBe(200);
      await waitFor('two more assigned', async () => {
        const [{ n }] = await ds.query("SELECT count(*)::int AS n FROM referral WHERE id = ANY($1) AND status = 'assigned'", [
          posted.map((p) => p.body.id),
        ]);
        return n === 5;
      });
      // Of the five that waited, the two oldest got the places.
      const waited: { id: string; status: string }[] = await ds.query(
        'SELECT id, status FROM referral WHERE id = ANY($1) ORDER BY created_at, id',
        [states.map((st, k) => (st.status === 'unassigned' ? posted[k].body.id : null)).filter(Boolean)],
      );
      expect(waited.map((r) => r.status)).toEqual(['assigned', 'assigned', 'unassigned', 'unassigned', 'unassigned']);
    });

    it('says why a referral waits: no area for the postcode, nobody in the area, everybody absent', async () => {
      const { coordinator, gp, areaId } = await municipality(['4000', '4130']);
      const unknown = await call(gp, 'POST', '/v1/referrals', referralBody({ postcode: '9999' }));
      expect(await routed(unknown.body.id)).toMatchObject({ status: 'unassigned', unassigned_reason: 'no_area_for_postcode' });
      const nobody = await call(gp, 'POST', '/v1/referrals', referralBody());
      expect(await routed(nobody.body.id)).toMatchObject({ status: 'unassigned', unassigned_reason: 'no_brobygger_in_area' });

      const listed = async () =>
        (await call(coordinator, 'GET', `/v1/referrals?status=unassigned&areaId=${areaId}`)).body.items.map(
          (item: { unassignedReason: string }) => item.unassignedReason,
        );
      expect(await listed()).toEqual(['no_brobygger_in_area']);

      // A brobygger joins the area but is away: the waiting referral is looked at again, and so is a new one.
      const b = await addBrobygger(coordinator, [], 3);
      await call(coordinator, 'PATCH', `/v1/brobyggere/${b.id}`, { absentFrom: '2020-01-01', absentTo: '2099-12-31', areaIds: [areaId] });
      const away = await call(gp, 'POST', '/v1/referrals', referralBody({ postcode: '4130' }));
      expect(await routed(away.body.id)).toMatchObject({ status: 'unassigned', unassigned_reason: 'all_absent' });
      await waitFor('both waiting because everybody is absent', async () => (await listed()).join() === 'all_absent,all_absent');

      // Back from absence: the waiting referrals of the area are matched.
      await call(coordinator, 'PATCH', `/v1/brobyggere/${b.id}`, { absentFrom: null, absentTo: null });
      await waitFor(
        'both matched after the return',
        async () => (await statusOf(away.body.id)).status === 'assigned' && (await statusOf(nobody.body.id)).status === 'assigned',
      );
    });

    it('lets a coordinator assign and reassign, within capacity (409 when full)', async () => {
      const { coordinator, gp, areaId } = await municipality();
      const a = await addBrobygger(coordinator, [areaId], 1);
      const b = await addBrobygger(coordinator, [], 1);
      const first = await call(gp, 'POST', '/v1/referrals', referralBody());
      expect(await routed(first.body.id)).toMatchObject({ assignee_id: a.id });

      const moved = await call(coordinator, 'POST', `/v1/referrals/${first.body.id}/assign`, { brobyggerId: b.id });
      expect(moved.status).toBe(200);
      expect(moved.body).toEqual({ id: first.body.id, status: 'assigned', assigneeId: b.id });
      const loads = async () =>
        (await ds.query('SELECT id, active_cases FROM brobygger WHERE id = ANY($1)', [[a.id, b.id]])).reduce(
          (acc: Record<string, number>, r: { id: string; active_cases: number }) => ({ ...acc, [r.id]: r.active_cases }),
          {},
        );
      expect(await loads()).toEqual({ [a.id]: 0, [b.id]: 1 });
      // Same again: nothing changes.
      expect((await call(coordinator, 'POST', `/v1/referrals/${first.body.id}/assign`, { brobyggerId: b.id })).status).toBe(200);
      expect(await loads()).toEqual({ [a.id]: 0, [b.id]: 1 });

      const second = await call(gp, 'POST', '/v1/referrals', referralBody());
      await routed(second.body.id);
      const full = await call(coordinator, 'POST', `/v1/referrals/${second.body.id}/assign`, { brobyggerId: b.id });
      expect(full.status).toBe(409);
      expect(full.body.message).toContain('capacity');
      expect((await call(gp, 'POST', `/v1/referrals/${second.body.id}/assign`, { brobyggerId: b.id })).status).toBe(403);
      expect(
        (await call(coordinator, 'POST', `/v1/referrals/${second.body.id}/assign`, { brobyggerId: '00000000-0000-4000-8000-000000000000' }))
          .status,
      ).toBe(422);
      const trail = await ds.query(
        'SELECT brobygger_id, kind, released_reason FROM referral_assignment WHERE referral_id = $1 ORDER BY assigned_at',
        [first.body.id],
      );
      expect(trail).toEqual([
        { brobygger_id: a.id, kind: 'auto', released_reason: 'reassigned' },
        { brobygger_id: b.id, kind: 'manual', released_reason: null },
      ]);
    });

    it('lets capacity be lowered below the load: nothing is taken away, nothing new comes', async () => {
      const { coordinator, gp, areaId } = await municipality();
      const a = await addBrobygger(coordinator, [areaId], 2);
      const ids = [];
      for (let i = 0; i < 2; i++) ids.push((await call(gp, 'POST', '/v1/referrals', referralBody())).body.id);
      for (const id of ids) await routed(id);
      const lowered = await call(coordinator, 'PATCH', `/v1/brobyggere/${a.id}`, { capacity: 1 });
      expect(lowered.body).toMatchObject({ capacity: 1, activeCases: 2 });
      const third = await call(gp, 'POST', '/v1/referrals', referralBody());
      expect(await routed(third.body.id)).toMatchObject({ status: 'unassigned', unassigned_reason: 'all_at_capacity' });
    });

    it('puts a deactivated brobygger’s cases back in the unassigned queue with the reason', async () => {
      const { coordinator, gp, areaId } = await municipality();
      const a = await addBrobygger(coordinator, [areaId], 3);
      const { body } = await call(gp, 'POST', '/v1/referrals', referralBody());
      await routed(body.id);
      expect((await call(coordinator, 'PATCH', `/v1/brobyggere/${a.id}`, { active: false })).status).toBe(200);
      await waitFor('the case released', async () => (await statusOf(body.id)).status === 'unassigned');
      expect(await statusOf(body.id)).toEqual({ status: 'unassigned', assignee_id: null, unassigned_reason: 'brobygger_deactivated' });
      expect((await call(a, 'GET', `/v1/referrals/${body.id}`)).status).toBe(404);
      const [{ active_cases }] = await ds.query('SELECT active_cases FROM brobygger WHERE id = $1', [a.id]);
      expect(active_cases).toBe(0);
    });

    it('lets a coordinator override the area; a waiting case is matched there', async () => {
      const { coordinator, gp } = await municipality(['4000']);
      const elsewhere = (await call(coordinator, 'POST', '/v1/areas', { name: 'Viby', postcodes: ['4130'] })).body.id;
      const b = await addBrobygger(coordinator, [elsewhere], 2);
      const { body } = await call(gp, 'POST', '/v1/referrals', referralBody({ postcode: '9999' }));
      expect(await routed(body.id)).toMatchObject({ status: 'unassigned', unassigned_reason: 'no_area_for_postcode' });
      const res = await call(coordinator, 'POST', `/v1/referrals/${body.id}/area`, { areaId: elsewhere });
      expect(res.status).toBe(200);
      await waitFor('assigned in the overridden area', async () => (await statusOf(body.id)).assignee_id === b.id);
      expect((await call(gp, 'POST', `/v1/referrals/${body.id}/area`, { areaId: elsewhere })).status).toBe(403);
      expect(
        (await call(coordinator, 'POST', `/v1/referrals/${body.id}/area`, { areaId: '00000000-0000-4000-8000-000000000000' })).status,
      ).toBe(422);
    });

    it('takes the next equally right brobygger while the first is being assigned to, but waits for the one who speaks the citizen’s language', async () => {
      const { coordinator, gp, areaId } = await municipality();
      const arabic = await addBrobygger(coordinator, [areaId], 5, ['da', 'ar']);
      const danish = await addBrobygger(coordinator, [areaId], 5, ['da']);
      // Both equally right for a Danish-speaking citizen: ranked by id. Another assignment
      // holds the first one's row (an open transaction that took it, not yet committed).
      const [first, second] = [arabic.id, danish.id].sort((a, b) => a.localeCompare(b));
      const holder = ds.createQueryRunner();
      await holder.connect();
      try {
        await holder.startTransaction();
        await holder.query('SELECT id FROM brobygger WHERE id = $1 FOR NO KEY UPDATE', [first]);
        const plain = await call(gp, 'POST', '/v1/referrals', referralBody());
        expect(plain.status).toBe(201);
        // Routed while the first is still held: the matcher did not queue behind it.
        expect((await routed(plain.body.id)).assignee_id).toBe(second);

        // Hold the Arabic speaker: a citizen who speaks Arabic waits for her, not for whoever is free.
        await holder.query('SELECT id FROM brobygger WHERE id = $1 FOR NO KEY UPDATE', [arabic.id]);
        const body = referralBody();
        const ar = await call(gp, 'POST', '/v1/referrals', { ...body, citizen: { ...body.citizen, language: 'ar' } });
        expect(ar.status).toBe(201);
        await waitFor('the matcher waiting on the held brobygger', async () => {
          const [{ n }] = await ds.query(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
              WHERE NOT l.granted AND a.datname = current_database() AND a.query LIKE '%UPDATE brobygger%'`,
          );
          return n > 0 ? true : null;
        });
        expect((await statusOf(ar.body.id)).status).toBe('submitted');
        await holder.rollbackTransaction();
        expect((await routed(ar.body.id)).assignee_id).toBe(arabic.id);
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
      }
    });

    it('does nothing when a match job is delivered again', async () => {
      const { coordinator, gp, areaId, m } = await municipality();
      const a = await addBrobygger(coordinator, [areaId], 3);
      const { body } = await call(gp, 'POST', '/v1/referrals', referralBody());
      await routed(body.id);
      const assignments = worker.get(AssignmentService);
      const again = await Promise.all([1, 2, 3].map(() => assignments.match({ referralId: body.id, municipalityId: m })));
      expect(again).toEqual(Array(3).fill({ result: 'skipped', status: 'assigned' }));
      const [{ active_cases }] = await ds.query('SELECT active_cases FROM brobygger WHERE id = $1', [a.id]);
      expect(active_cases).toBe(1);
      const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM referral_assignment WHERE referral_id = $1', [body.id]);
      expect(n).toBe(1);
    });
  });
});
