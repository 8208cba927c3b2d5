import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bootApi, createArea, createBrobygger, createMunicipality, createUser } from '@bro/test-kit';
import { ConflictError, RuleViolationError } from '@bro/platform';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AssignmentService } from './assignment.service';

/**
 * Capacity under concurrency, as a property: whatever mix of automatic matching,
 * manual (re)assignment, unassignment, capacity changes and deactivations runs at
 * once, afterwards every brobygger's activeCases equals the open cases they hold and
 * the active assignment rows, nobody is over capacity (unless a coordinator lowered
 * it below the load), and no referral has two active assignments.
 */
type Op =
  | { kind: 'match'; r: number }
  | { kind: 'assign'; r: number; b: number }
  | { kind: 'unassign'; r: number }
  | { kind: 'capacity'; b: number; capacity: number }
  | { kind: 'active'; b: number; active: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('match' as const), r: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('assign' as const), r: fc.nat(), b: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unassign' as const), r: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('capacity' as const), b: fc.nat(), capacity: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('active' as const), b: fc.nat(), active: fc.boolean() }) },
);

describe('assignment under concurrency (real PostgreSQL)', () => {
  let app: NestFastifyApplication;
  let ds: DataSource;
  let assignments: AssignmentService;

  beforeAll(async () => {
    app = await bootApi();
    ds = app.get(DataSource);
    assignments = app.get(AssignmentService);
  });
  afterAll(() => app.close());

  async function world(capacities: number[], referrals: number) {
    const m = await createMunicipality(ds);
    const coordinator = await createUser(ds, m, 'coordinator');
    const gp = await createUser(ds, m, 'referrer');
    const area = await createArea(ds, m, ['4000']);
    const brobyggere = [];
    for (const c of capacities) brobyggere.push(await createBrobygger(ds, m, [area], c));
    const ids: string[] = [];
    for (let i = 0; i < referrals; i++) {
      const [citizen] = await ds.query(
        "INSERT INTO citizen (municipality_id, cpr_hmac, postcode, language) VALUES ($1, $2, '4000', 'da') RETURNING id",
        [m, randomUUID()],
      );
      const [ref] = await ds.query(
        "INSERT INTO referral (municipality_id, citizen_id, referrer_id, status, reasons) VALUES ($1, $2, $3, 'submitted', '{loneliness}') RETURNING id",
        [m, citizen.id, gp.id],
      );
      ids.push(ref.id);
    }
    const actor = {
      userId: coordinator.id,
      username: coordinator.username,
      role: 'coordinator' as const,
      municipalityId: m,
      organisation: null,
    };
    return { m, actor, brobyggere, referrals: ids };
  }

  it('keeps activeCases equal to the cases held and within capacity, whatever runs at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(op, { minLength: 1, maxLength: 40 }),
        async (capacities, referralCount, ops) => {
          const w = await world(capacities, referralCount);
          const cut = new Set<string>(); // brobyggere whose capacity a coordinator changed
          const run = async (o: Op): Promise<unknown> => {
            const referralId = 'r' in o ? w.referrals[o.r % w.referrals.length] : '';
            const b = 'b' in o ? w.brobyggere[o.b % w.brobyggere.length] : undefined;
            switch (o.kind) {
              case 'match':
                return assignments.match({ referralId, municipalityId: w.m });
              case 'assign':
                return assignments.assign(w.actor, referralId, b!.brobyggerId);
              case 'unassign':
                return assignments.unassign(w.actor, referralId);
              case 'capacity':
                cut.add(b!.brobyggerId);
                await ds.query('UPDATE brobygger SET capacity = $2, capacity_overrun = GREATEST(active_cases - $2, 0) WHERE id = $1', [
                  b!.brobyggerId,
                  o.capacity,
                ]);
                return assignments.reconcileBrobygger({ brobyggerId: b!.brobyggerId, municipalityId: w.m });
              case 'active':
                await ds.query('UPDATE brobygger SET active = $2 WHERE id = $1', [b!.brobyggerId, o.active]);
                return assignments.reconcileBrobygger({ brobyggerId: b!.brobyggerId, municipalityId: w.m });
            }
          };
          for (let i = 0; i < ops.length; i += 8) {
            const results = await Promise.allSettled(ops.slice(i, i + 8).map(run));
            for (const r of results) {
              // Conflicts (full, closed) and rule violations (inactive brobygger) are answers, not failures.
              if (r.status === 'rejected' && !(r.reason instanceof ConflictError) && !(r.reason instanceof RuleViolationError))
                throw r.reason;
            }
          }

          const loads: { id: string; capacity: number; active_cases: number; held: number; rows: number }[] = await ds.query(
            `SELECT b.id, b.capacity, b.active_cases,
                    (SELECT count(*)::int FROM referral r WHERE r.assignee_id = b.id AND r.status NOT IN ('completed','rejected','cancelled')) AS held,
                    (SELECT count(*)::int FROM referral_assignment a WHERE a.brobygger_id = b.id AND a.released_at IS NULL) AS rows
               FROM brobygger b WHERE b.municipality_id = $1`,
            [w.m],
          );
          for (const l of loads) {
            expect(l.active_cases).toBe(l.held);
            expect(l.active_cases).toBe(l.rows);
            if (!cut.has(l.id)) expect(l.active_cases).toBeLessThanOrEqual(l.capacity);
          }
          const doubled = await ds.query(
            'SELECT referral_id FROM referral_assignment WHERE municipality_id = $1 AND released_at IS NULL GROUP BY referral_id HAVING count(*) > 1',
            [w.m],
          );
          expect(doubled).toEqual([]);
          const mismatched = await ds.query(
            `SELECT r.id FROM referral r LEFT JOIN referral_assignment a ON a.referral_id = r.id AND a.released_at IS NULL
              WHERE r.municipality_id = $1 AND r.assignee_id IS DISTINCT FROM a.brobygger_id`,
            [w.m],
          );
          expect(mismatched).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('never lets concurrent matchers exceed one brobygger’s capacity', async () => {
    const w = await world([3], 20);
    const outcomes = await Promise.all(w.referrals.map((referralId) => assignments.match({ referralId, municipalityId: w.m })));
    expect(outcomes.filter((o) => o.result === 'assigned')).toHaveLength(3);
    const [{ active_cases }] = await ds.query('SELECT active_cases FROM brobygger WHERE id = $1', [w.brobyggere[0].brobyggerId]);
    expect(active_cases).toBe(3);
  });

  it('refuses, in the database itself, a load above capacity', async () => {
    const w = await world([1], 1);
    await expect(ds.query('UPDATE brobygger SET active_cases = 2 WHERE id = $1', [w.brobyggere[0].brobyggerId])).rejects.toThrow(
      /brobygger_within_capacity/,
    );
  });
});
