import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  bootApi,
  caller,
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  fhirReferralBundle,
  http,
  HttpResult,
  referralBody,
  TestUser,
  validCpr,
} from './kit';

/**
 * Fuzzing every route of the OpenAPI document: bodies, query strings and path ids
 * generated from the document's own schemas — some well-typed, some of the wrong type,
 * some missing — sent by every role and without a token. The api must never answer
 * 5xx, and a request it rejects (4xx) must not have written anything.
 *
 * Then attack inputs (issue 13): on every route, a plausible request built from the
 * document with one thing made hostile — NUL and other control characters, lone
 * surrogates, huge strings, CPR numbers, absurd dates and numbers, keys named like
 * Object.prototype members, JSON nested 5,000 levels deep, bodies of the wrong kind,
 * hostile query values and path ids — each sent with a CPR number as X-Request-Id.
 * None may answer 5xx, echo the CPR number in an error or keep it as the request id.
 */
type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  required?: string[];
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

// 8 per caller and route keeps this test near three minutes as routes grow; FUZZ_RUNS=<n> sends more.
const RUNS_PER_CALLER = Number(process.env.FUZZ_RUNS ?? 8);
/** Attack inputs per route on top of the fixed ones (bodies of the wrong kind, deep JSON, path ids); FUZZ_ATTACKS=100000 sends them all. */
const ATTACKS_PER_ROUTE = Number(process.env.FUZZ_ATTACKS ?? 24);
const SEED = Number(process.env.FUZZ_SEED ?? 13);

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
  }, 420_000);

  it('answers attack inputs on every route with 2xx–4xx, never 5xx, and never repeats a CPR number', async () => {
    const started = Date.now();
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000', '4130']);
    const brobygger = await createBrobygger(ds, m, [area], 500);
    const coordinator = await createUser(ds, m, 'coordinator');
    const referrer = await createUser(ds, m, 'referrer');
    const call = caller(api);
    const [organisation] = await ds.query("INSERT INTO organisation (municipality_id, name) VALUES ($1, 'Forening') RETURNING id", [m]);
    const [offer] = await ds.query(
      "INSERT INTO offer (municipality_id, organisation_id, name, category, area_id) VALUES ($1, $2, 'Cirkler', 'community', $3) RETURNING id",
      [m, organisation.id, area],
    );
    const token = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: coordinator.username } })).body.accessToken as string;

    /** A fresh case (assigned, contacted) with a follow-up: routes change state, so each route gets its own. */
    async function world() {
      const { body } = await call(referrer, 'POST', '/v1/referrals', referralBody());
      await call(coordinator, 'POST', `/v1/referrals/${body.id}/assign`, { brobyggerId: brobygger.brobyggerId });
      await call(coordinator, 'POST', `/v1/referrals/${body.id}/contact-attempts`, { outcome: 'reached' });
      const followUp = await call(coordinator, 'POST', '/v1/follow-ups', {
        referralId: body.id,
        kind: 'custom',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      const [{ citizen_id }] = await ds.query('SELECT citizen_id FROM referral WHERE id = $1', [body.id]);
      return { referral: body.id as string, followUp: followUp.body.id as string, citizen: citizen_id as string };
    }

    const soon = () => new Date(Date.now() + 3_600_000).toISOString();
    /** A plausible value for a schema: its example, the first enum value, an id of the right kind. */
    function plausible(s: Schema | undefined, name: string, ids: Record<string, string>, depth = 0): unknown {
      const schema = resolve(s);
      if (!schema || depth > 6) return 'Tekst';
      if (schema.example !== undefined) {
        const e = schema.example;
        return typeof e === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(e) ? soon() : e;
      }
      if (schema.enum?.length) return schema.enum[0];
      if (schema.format === 'uuid' || /Id$/.test(name)) return ids[name.replace(/Ids?$/, '')] ?? ids.referral;
      if (schema.format === 'date-time') return soon();
      if (schema.format === 'date') return soon().slice(0, 10);
      if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
      if (schema.type === 'boolean') return true;
      if (schema.type === 'array')
        return /Ids$/.test(name) ? [ids[name.replace(/Ids$/, '')]] : [plausible(schema.items, name, ids, depth + 1)];
      if (schema.type === 'object' || schema.properties) {
        return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, p]) => [k, plausible(p, k, ids, depth + 1)]));
      }
      return 'Tekst';
    }

    /** Every leaf and every object of a body, as paths. */
    function paths(value: unknown, at: string[] = []): { leaves: string[][]; objects: string[][] } {
      if (Array.isArray(value)) {
        const parts = value.map((v, i) => paths(v, [...at, String(i)]));
        return { leaves: parts.flatMap((p) => p.leaves), objects: parts.flatMap((p) => p.objects) };
      }
      if (typeof value === 'object' && value !== null) {
        const parts = Object.entries(value).map(([k, v]) => paths(v, [...at, k]));
        return { leaves: parts.flatMap((p) => p.leaves), objects: [at, ...parts.flatMap((p) => p.objects)] };
      }
      return { leaves: [at], objects: [] };
    }
    const setAt = (body: unknown, path: string[], change: (old: unknown) => unknown): unknown => {
      const copy = JSON.parse(JSON.stringify(body ?? {}));
      if (path.length === 0) return change(copy);
      let node = copy;
      for (const k of path.slice(0, -1)) node = node[k];
      node[path[path.length - 1]] = change(node[path[path.length - 1]]);
      return copy;
    };

    const cpr = validCpr(); // remembered for the personal-data scan after the suite
    const dashed = `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
    const STRINGS: [string, unknown][] = [
      ['NUL', 'a\u0000b'],
      ['control characters', '\u0001\u0007\u001b[2J\u007f'],
      ['lone surrogate', '\ud800x\udfff'],
      ['huge string', 'x'.repeat(200_000)],
      ['CPR number', cpr],
      ['SQL', "'; DROP TABLE referral; --"],
      ['path traversal', '../../etc/passwd'],
      ['bidi and emoji', 'Ǆ̈́🙂\u202egnp.exe'],
      ['empty', ''],
      ['number for a string', 12345],
      ['object for a string', { a: 1 }],
      ['array for a string', ['x']],
      ['null', null],
    ];
    const DATES: [string, unknown][] = [
      ['year 0', '0000-01-01T00:00:00Z'],
      ['year 275760', '+275760-09-13T00:00:00Z'],
      ['year -271821', '-271821-04-20T00:00:00Z'],
      ['year 9999', '9999-12-31T23:59:59Z'],
      ['30 February', '2026-02-30T10:00:00Z'],
      ['hour 25', '2026-11-27T25:61:00Z'],
    ];
    const NUMBERS: [string, unknown][] = [
      ['1e308', 1e308],
      ['-1e308', -1e308],
      ['2^53+1', 2 ** 53 + 1],
      ['fraction', 0.5],
      ['numeric string', '1'],
      ['boolean for a number', true],
      ['null for a number', null],
    ];
    const BOOLEANS: [string, unknown][] = [
      ['string for a boolean', 'true'],
      ['number for a boolean', 1],
      ['null for a boolean', null],
    ];
    const KEYS: [string, (o: Record<string, unknown>) => unknown][] = [
      ['key constructor', (o) => ({ ...o, constructor: { prototype: { polluted: 1 } } })],
      ['key toString', (o) => ({ ...o, toString: 'x' })],
      ['key __proto__', (o) => Object.assign(JSON.parse('{"__proto__":{"polluted":1}}'), o)],
      ['key hasOwnProperty', (o) => ({ ...o, hasOwnProperty: 1 })],
      ['key with NUL', (o) => ({ ...o, ['a\u0000']: 1 })],
      ['CPR number as a key', (o) => ({ ...o, [cpr]: 'x' })],
      ['CPR number as a key, NUL as its value', (o) => ({ ...o, [dashed]: '\u0000' })],
    ];
    const RAW: [string, string][] = [
      ['5,000 nested arrays', `${'['.repeat(5000)}${']'.repeat(5000)}`],
      ['5,000 nested objects', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
      ['truncated JSON', '{"a":'],
      ['array body', '[]'],
      ['string body', '"x"'],
      ['number body', '123'],
      ['null body', 'null'],
      ['20,000-item array', `[${Array(20_000).fill('1').join(',')}]`],
      ['body over the limit', `"${'x'.repeat(300_000)}"`],
    ];
    const IDS: [string, string][] = [
      ['NUL id', '%00'],
      ['CPR id', cpr],
      ['dashed CPR id', dashed],
      ['id with NUL', `${randomUUID()}%00`],
      ['traversal id', '..%2F..%2Fetc'],
      ['long id', 'a'.repeat(2000)],
      ['bad percent-encoding', '%E0%A4%A'],
    ];

    // A small seeded generator: the same attacks each run unless FUZZ_SEED changes.
    let state = SEED;
    const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const sample = <T>(items: T[], n: number): T[] =>
      items
        .map((item) => ({ item, key: random() }))
        .sort((a, b) => a.key - b.key)
        .slice(0, n)
        .map((x) => x.item);

    const seen = { sent: 0, serverErrors: [] as string[], echoes: [] as string[], statuses: new Map<number, number>() };
    const send = async (label: string, method: string, url: string, options: { body?: unknown; rawBody?: string }) => {
      const headers: Record<string, string> = { 'x-request-id': seen.sent % 2 ? cpr : dashed };
      if (url.startsWith('/fhir') && (options.body !== undefined || options.rawBody !== undefined))
        headers['content-type'] = 'application/fhir+json';
      if (method === 'POST' && url === '/v1/referrals') headers['idempotency-key'] = `${cpr}-${seen.sent}`;
      let res: HttpResult;
      try {
        res = await http(api, method as 'GET', url, { token, headers, ...options });
      } catch (err) {
        // light-my-request refuses some inputs itself (e.g. a URL it cannot parse): not the api's answer.
        if (err instanceof Error && !/status/i.test(err.message)) return;
        throw err;
      }
      seen.sent++;
      seen.statuses.set(res.status, (seen.statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) seen.serverErrors.push(`${label}: ${res.status}`);
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
      if (res.headers['x-request-id'] === cpr || res.headers['x-request-id'] === dashed) seen.echoes.push(`${label}: request id kept`);
      if (res.status >= 400 && (text.includes(cpr) || text.includes(dashed))) seen.echoes.push(`${label}: CPR number in the error`);
    };

    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
    let shared: Awaited<ReturnType<typeof world>> | undefined;
    for (const { method, path, op } of routes) {
      // Routes that change a case get a case of their own; reads share one.
      const w = method !== 'GET' && (path.includes('{id}') || path === '/v1/follow-ups') ? await world() : (shared ??= await world());
      const ids: Record<string, string> = {
        ...w,
        area,
        brobygger: brobygger.brobyggerId,
        offer: offer.id,
        organisation: organisation.id,
        user: referrer.id,
      };
      const kind = /^\/v1\/(\w[\w-]*)\/\{id\}/.exec(path)?.[1] ?? (path.startsWith('/fhir/') || path.includes('services') ? 'x' : '');
      const idFor: Record<string, string> = {
        referrals: w.referral,
        'follow-ups': w.followUp,
        citizens: w.citizen,
        areas: area,
        brobyggere: brobygger.brobyggerId,
        offers: offer.id,
        users: referrer.id,
      };
      const ownId = idFor[kind] ?? (path.includes('services') ? offer.id : w.referral);
      const url = (id: string) => path.replace('{id}', id);
      const label = (what: string) => `${method} ${path} — ${what}`;

      const schema = op.requestBody?.content?.['application/json']?.schema;
      const takesBody = method !== 'GET' && (schema !== undefined || path === '/fhir');
      const base: unknown =
        path === '/v1/referrals' && method === 'POST'
          ? referralBody()
          : path === '/fhir'
            ? fhirReferralBundle()
            : schema
              ? plausible(schema, '', ids)
              : undefined;

      if (takesBody) {
        for (const [what, raw] of RAW) await send(label(what), method, url(ownId), { rawBody: raw });
        const { leaves, objects } = paths(base);
        const candidates: [string, unknown][] = [];
        for (const leaf of leaves) {
          const old = leaf.reduce<any>((node, k) => node?.[k], base);
          const values =
            typeof old === 'number'
              ? NUMBERS
              : typeof old === 'boolean'
                ? BOOLEANS
                : typeof old === 'string' && /^\d{4}-\d{2}-\d{2}/.test(old)
                  ? [...DATES, ...STRINGS]
                  : STRINGS;
          for (const [what, value] of values) candidates.push([`${leaf.join('.') || 'body'}: ${what}`, setAt(base, leaf, () => value)]);
        }
        for (const at of objects) {
          for (const [what, change] of KEYS)
            candidates.push([`${at.join('.') || 'body'}: ${what}`, setAt(base, at, (o) => change(o as Record<string, unknown>))]);
        }
        for (const [what, body] of sample(candidates, ATTACKS_PER_ROUTE)) await send(label(what), method, url(ownId), { body });
        // Null for every field, not a sample: `@IsOptional()` lets null through as "absent" and a PATCH then
        // wrote it (PATCH /v1/areas/:id {postcodes: null} answered 500, found by a random run).
        const fields = objects.flatMap((at) => Object.keys(at.reduce<any>((node, k) => node?.[k], base) ?? {}).map((k) => [...at, k]));
        for (const field of fields)
          await send(label(`${field.join('.')}: null (every field)`), method, url(ownId), { body: setAt(base, field, () => null) });
      }
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const queries: [string, string][] = [
        ['query constructor', 'constructor=1'],
        ['query __proto__', '__proto__=x'],
        ['query toString', 'toString=1'],
      ];
      for (const name of query) {
        for (const [what, value] of [...STRINGS, ...DATES].filter(([, v]) => typeof v === 'string' && v.length < 5000)) {
          queries.push([`query ${name}: ${what}`, `${name}=${encodeQueryValue(value as string)}`]);
        }
        queries.push([`query ${name} twice`, `${name}=a&${name}=b`]);
      }
      for (const [what, q] of sample(queries, Math.max(3, Math.ceil(ATTACKS_PER_ROUTE / 2)))) {
        await send(label(what), method, `${url(ownId)}?${q}`, method === 'GET' ? {} : { body: base });
      }
      if (path.includes('{id}'))
        for (const [what, id] of IDS) await send(label(what), method, url(id), method === 'GET' ? {} : { body: base });
    }

    function encodeQueryValue(value: string): string {
      try {
        return encodeURIComponent(value);
      } catch {
        return '%ED%A0%80x'; // a lone surrogate has no UTF-8: send the bytes CESU would
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `fuzz attacks: ${seen.sent} attack inputs on ${routes.length} routes in ${seconds} s, ${seen.serverErrors.length} answered 5xx, statuses ${JSON.stringify(Object.fromEntries(seen.statuses))}\n`,
    );
    expect(seen.serverErrors).toEqual([]);
    expect(seen.echoes).toEqual([]);
    expect(seen.sent).toBeGreaterThan(routes.length * 10);
  }, 240_000);
});
