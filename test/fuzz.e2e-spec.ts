import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bootApi, caller, createArea, createBrobygger, createMunicipality, createUser, http, referralBody, TestUser } from './kit';

/**
 * Fuzzing every route of the OpenAPI document: bodies, query strings and path ids
 * generated from the document's own schemas — some well-typed, some of the wrong type,
 * some missing — sent by every role and without a token. The api must never answer
 * 5xx, and a request it rejects (4xx) must not have written anything.
 */
type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  format?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const RUNS_PER_CALLER = Number(process.env.FUZZ_RUNS ?? 12);

describe('fuzzing every route from the OpenAPI document (e2e)', () => {
  let api: NestFastifyApplication;
  let ds: DataSource;
  let doc: OpenApi;
  let users: (TestUser | null)[];
  let ids: string[];
  let tables: string[];

  beforeAll(async () => {
    api = await bootApi();
    ds = api.get(DataSource);
    doc = (await http(api, 'GET', '/docs-json')).body as OpenApi;
    const call = caller(api);
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    const brobygger = await createBrobygger(ds, m, [area], 10);
    const referrer = await createUser(ds, m, 'referrer');
    const coordinator = await createUser(ds, m, 'coordinator');
    const referral = (await call(referrer, 'POST', '/v1/referrals', referralBody())).body.id as string;
    await call(coordinator, 'POST', `/v1/referrals/${referral}/assign`, { brobyggerId: brobygger.brobyggerId });
    const [{ citizen_id }] = await ds.query('SELECT citizen_id FROM referral WHERE id = $1', [referral]);
    users = [null, referrer, brobygger, coordinator];
    ids = [referral, area, brobygger.brobyggerId, citizen_id, randomUUID()];
    tables = (
      await ds.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations') ORDER BY tablename")
    ).map((t: { tablename: string }) => t.tablename);
    // Warm the token cache, so fetching one is not counted as a write by the fuzzed request.
    for (const u of users) if (u) await call(u, 'GET', '/v1/me');
  });
  afterAll(() => api.close());

  /** One text for everything in the database: equal before and after means nothing was written. */
  async function fingerprint(): Promise<string> {
    const parts = tables.map((t) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${t}" x)`);
    const [row] = await ds.query(`SELECT concat_ws(',', ${parts.join(', ')}) AS f`);
    return row.f as string;
  }

  const resolve = (s: Schema | undefined): Schema | undefined => {
    if (!s) return undefined;
    if (s.$ref) return resolve(doc.components?.schemas?.[s.$ref.split('/').pop()!]);
    if (s.allOf?.length) return resolve(s.allOf[0]);
    if (s.oneOf?.length) return resolve(s.oneOf[0]);
    if (s.anyOf?.length) return resolve(s.anyOf[0]);
    return s;
  };

  const junk = fc.oneof(
    fc.constantFrom(
      null,
      '',
      ' ',
      -1,
      0,
      1e308,
      true,
      [],
      {},
      'x'.repeat(5000),
      '../../etc/passwd',
      "'; DROP TABLE referral; --",
      '\u0000',
    ),
    fc.jsonValue({ maxDepth: 2 }),
  );

  /** A value for a schema: usually of the right type (enums and ids from the world), sometimes junk. */
  function valueOf(s: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const schema = resolve(s);
    if (!schema || depth > 3) return junk;
    let typed: fc.Arbitrary<unknown>;
    if (schema.enum?.length) typed = fc.constantFrom(...schema.enum);
    else if (schema.type === 'string' && schema.format === 'uuid') typed = fc.constantFrom(...ids);
    else if (schema.type === 'string' && schema.format === 'date-time')
      typed = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    else if (schema.type === 'string') typed = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...ids));
    else if (schema.type === 'integer' || schema.type === 'number') typed = fc.integer({ min: -5, max: 500 });
    else if (schema.type === 'boolean') typed = fc.boolean();
    else if (schema.type === 'array') typed = fc.array(valueOf(schema.items, depth + 1), { maxLength: 4 });
    else if (schema.type === 'object' || schema.properties) typed = objectOf(schema, depth + 1);
    else typed = junk;
    return fc.oneof({ weight: 5, arbitrary: typed }, { weight: 1, arbitrary: junk });
  }

  function objectOf(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    const props = Object.entries(schema.properties ?? {});
    const record = Object.fromEntries(props.map(([name, p]) => [name, valueOf(p, depth)]));
    return fc.record(record, { requiredKeys: [] });
  }

  it('sees a write in the fingerprint (so the check below can fail)', async () => {
    const before = await fingerprint();
    expect((await caller(api)(users[1]!, 'POST', '/v1/referrals', referralBody())).status).toBe(201);
    expect(await fingerprint()).not.toBe(before);
  });

  it('never answers 5xx, and a rejected request writes nothing', async () => {
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
    const call = caller(api);
    const seen = { requests: 0, rejectedWrites: 0, statuses: new Map<number, number>() };
    for (const { method, path, op } of routes) {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const request = fc.record({
        id: fc.oneof(fc.constantFrom(...ids), fc.constantFrom('not-a-uuid', '0', '%00', 'ä'.repeat(40))),
        query: fc.record(Object.fromEntries(query.map((p) => [p.name, valueOf(p.schema)])), { requiredKeys: [] }),
        body: bodySchema ? fc.oneof({ weight: 4, arbitrary: valueOf(bodySchema) }, { weight: 1, arbitrary: junk }) : fc.constant(undefined),
      });
      for (const user of users) {
        await fc.assert(
          fc.asyncProperty(request, async ({ id, query: q, body }) => {
            const search = new URLSearchParams(
              Object.entries(q).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string]),
            ).toString();
            const url = `${path.replace(/\{[^}]+\}/g, encodeURIComponent(id))}${search ? `?${search}` : ''}`;
            const writes = method !== 'GET';
            const before = writes ? await fingerprint() : '';
            const verb = method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
            const res = user ? await call(user, verb, url, body) : await http(api, verb, url, { body });
            seen.requests++;
            seen.statuses.set(res.status, (seen.statuses.get(res.status) ?? 0) + 1);
            expect({ route: `${method} ${path}`, status: res.status, server: res.status >= 500 }).toMatchObject({ server: false });
            if (writes && res.status >= 400) {
              seen.rejectedWrites++;
              expect({ route: `${method} ${path}`, status: res.status, changed: (await fingerprint()) !== before }).toMatchObject({
                changed: false,
              });
            }
          }),
          { numRuns: RUNS_PER_CALLER },
        );
      }
    }
    process.stdout.write(
      `fuzz: ${routes.length} routes, ${seen.requests} requests (${seen.rejectedWrites} rejected writes checked), statuses ${JSON.stringify(Object.fromEntries(seen.statuses))}\n`,
    );
    expect(seen.requests).toBeGreaterThan(routes.length * 4);
  }, 240_000);
});
