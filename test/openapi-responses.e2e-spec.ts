import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createArea, createBrobygger, createMunicipality, createUser, referralBody, waitFor, withApiAndWorker } from './kit';

/**
 * The response DTOs in the OpenAPI document are what the web app's types are generated
 * from (ADR 0023), so they must say what the server really answers: real responses of
 * the main routes, for each role, checked against the document served at /docs-json —
 * strictly: a field the document does not name fails, as does a documented one of the
 * wrong type or missing.
 */
type Schema = Record<string, unknown>;

/** OpenAPI 3.0 → JSON Schema for Ajv: `nullable` becomes "or null"; objects admit only what they name. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Schema;
  const converted: Schema = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, key === 'properties' ? mapValues(value as Schema, strict) : strict(value)]),
  );
  if (converted.properties && converted.additionalProperties === undefined) converted.additionalProperties = false;
  return nullable ? { anyOf: [converted, { type: 'null' }] } : converted;
}

function mapValues(o: Schema, f: (v: unknown) => unknown): Schema {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

describe('responses match the OpenAPI document (e2e)', () => {
  const t = withApiAndWorker();
  let validatorOf: (method: string, path: string, status: number, as?: string) => ValidateFunction;

  beforeAll(async () => {
    const document = (await t.call({ username: 'none' }, 'GET', '/docs-json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
      components: { schemas: Schema };
    };
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    ajv.addSchema({ components: { schemas: mapValues(document.components.schemas, strict) } }, 'openapi');
    const cache = new Map<string, ValidateFunction>();
    validatorOf = (method, path, status, as) => {
      const key = `${method} ${path} ${status} ${as}`;
      if (!cache.has(key)) {
        const operation = document.paths[path]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema;
        if (!operation) throw new Error(`${key}: no response schema in the document`);
        // One alternative of a `oneOf` answer by name, so a failure names the fields of that one.
        const reference = as && `#/components/schemas/${as}`;
        if (reference && !JSON.stringify(operation).includes(`"${reference}"`)) throw new Error(`${key}: not one of the answers`);
        const schema = reference ? { $ref: reference } : operation;
        // Refs in the operation point into the components: resolve them against the added document.
        const resolved = JSON.parse(JSON.stringify(strict(schema)).replaceAll('"#/components/', '"openapi#/components/'));
        cache.set(key, ajv.compile(resolved as Schema));
      }
      return cache.get(key)!;
    };
  });

  /** Calls the route as the user and checks the answer against the document's schema for it. */
  async function documented(
    user: { username: string },
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    path: string,
    status: number,
    body?: unknown,
    as?: string,
  ) {
    const res = await t.call(user, method, url, body);
    expect({ url, status: res.status }).toEqual({ url, status });
    const validate = validatorOf(method.toLowerCase(), path, status, as);
    expect({ url, errors: validate(res.body) ? [] : validate.errors }).toEqual({ url, errors: [] });
    return res.body;
  }

  it('documents what each role gets of a case, its lists and the coordinators’ pages', async () => {
    const m = await createMunicipality(t.ds);
    const area = await createArea(t.ds, m, ['4000']);
    const brobygger = await createBrobygger(t.ds, m, [area], 5);
    const coordinator = await createUser(t.ds, m, 'coordinator');
    const gp = await createUser(t.ds, m, 'referrer');

    await documented(gp, 'GET', '/v1/me', '/v1/me', 200);
    await documented(gp, 'GET', '/v1/auth/config', '/v1/auth/config', 200);
    await documented(gp, 'GET', '/v1/reference/reasons', '/v1/reference/reasons', 200);
    await documented(gp, 'GET', '/v1/reference/wheel-domains', '/v1/reference/wheel-domains', 200);

    const org = await documented(coordinator, 'POST', '/v1/organisations', '/v1/organisations', 201, { name: 'Roskilde Kor' });
    const offer = await documented(coordinator, 'POST', '/v1/offers', '/v1/offers', 201, {
      organisationId: org.id,
      name: 'Fællessang',
      category: 'community',
      areaId: area,
      freePlaces: 3,
    });

    const submitted = await documented(gp, 'POST', '/v1/referrals', '/v1/referrals', 201, referralBody());
    const id = submitted.id as string;
    const base = `/v1/referrals/${id}`;
    await waitFor('assigned', async () => (await t.ds.query('SELECT status FROM referral WHERE id = $1', [id]))[0].status === 'assigned');
    await documented(brobygger, 'POST', `${base}/contact-attempts`, '/v1/referrals/{id}/contact-attempts', 201, {
      outcome: 'reached',
      channel: 'phone',
      note: 'Aftalt',
    });
    await documented(brobygger, 'POST', `${base}/conversations`, '/v1/referrals/{id}/conversations', 201, {
      heldAt: '2026-11-20T10:00:00+01:00',
      durationMinutes: 60,
      location: 'Biblioteket',
      kind: 'first',
      wheel: { health: 4, relations: 2 },
      notes: 'Samtalenoter',
      who5: [2, 1, 2, 1, 2],
      ucla3: [3, 3, 2],
    });
    await documented(brobygger, 'PUT', `${base}/plan`, '/v1/referrals/{id}/plan', 200, {
      goals: ['Synge i kor'],
      steps: [{ description: 'Besøg koret', offerId: offer.id, companion: true }],
    });
    await documented(brobygger, 'PUT', `${base}/contacts`, '/v1/referrals/{id}/contacts', 200, {
      otherContacts: [{ service: 'Jobcenter', person: 'Sagsbehandler' }],
      responsibleContact: 'Brobyggeren',
    });

    for (const [user, view, list] of [
      [brobygger, 'FullCase', 'CaseSummaryPage'],
      [coordinator, 'FullCase', 'CaseSummaryPage'],
      [gp, 'ReferrerView', 'ReferrerViewPage'],
    ] as const) {
      await documented(user, 'GET', base, '/v1/referrals/{id}', 200, undefined, view);
      await documented(user, 'GET', '/v1/referrals?limit=10', '/v1/referrals', 200, undefined, list);
    }
    await documented(brobygger, 'GET', '/v1/follow-ups?view=upcoming', '/v1/follow-ups', 200);
    for (const user of [brobygger, coordinator]) await documented(user, 'GET', '/v1/queues/summary', '/v1/queues/summary', 200);
    await documented(coordinator, 'GET', '/v1/brobyggere', '/v1/brobyggere', 200);
    await documented(coordinator, 'GET', '/v1/areas', '/v1/areas', 200);
    await documented(coordinator, 'GET', '/v1/users', '/v1/users', 200);
    await documented(coordinator, 'GET', '/v1/municipality', '/v1/municipality', 200);
    await documented(coordinator, 'GET', '/v1/offers', '/v1/offers', 200);
    await documented(coordinator, 'GET', '/v1/organisations', '/v1/organisations', 200);
    await documented(coordinator, 'GET', '/v1/statistics', '/v1/statistics', 200);
    await documented(coordinator, 'GET', '/v1/reports/council', '/v1/reports/council', 200);
    await documented(coordinator, 'GET', '/v1/notifications/undelivered', '/v1/notifications/undelivered', 200);
    await documented(gp, 'GET', '/v1/notifications', '/v1/notifications', 200);

    await documented(brobygger, 'POST', `${base}/hold`, '/v1/referrals/{id}/hold', 200, { reason: 'Indlagt' });
    await documented(brobygger, 'POST', `${base}/resume`, '/v1/referrals/{id}/resume', 200);
    await documented(brobygger, 'POST', `${base}/close`, '/v1/referrals/{id}/close', 200, {
      outcome: 'goal_reached',
      summary: 'Går nu i kor.',
      summaryApprovedByCitizen: true,
    });
    await documented(coordinator, 'GET', base, '/v1/referrals/{id}', 200, undefined, 'FullCase');
    await documented(gp, 'GET', base, '/v1/referrals/{id}', 200, undefined, 'ReferrerView');
    // And each against the answer as documented, `oneOf` and all.
    for (const user of [coordinator, gp]) await documented(user, 'GET', base, '/v1/referrals/{id}', 200);
  });
});
