import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { bootApi, bootWorker, createMunicipality, createUser, http, referralBody, validCpr, waitFor } from './kit';

/**
 * Personal data stays out of the logs: after traffic that carries a CPR number, a
 * name and a note (accepted, rejected and malformed requests, and the job they
 * cause), the log at its most verbose holds none of them.
 */
describe('logs (e2e)', () => {
  const logFile = join(tmpdir(), `bro-log-test-${randomUUID()}.log`);
  const env = { LOG_LEVEL: 'trace', LOG_FILE: logFile, WORKER_PORT: '0' };
  let api: NestFastifyApplication;
  let worker: NestFastifyApplication;

  beforeAll(async () => {
    api = await bootApi(env);
    worker = await bootWorker(env);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('never contain a submitted CPR number, name or note, yet record every request', async () => {
    const ds = api.get(DataSource);
    const m = await createMunicipality(ds);
    const gp = await createUser(ds, m, 'referrer');
    const { accessToken } = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body;

    const cpr = validCpr();
    const name = `Navn-${randomUUID().slice(0, 8)}`;
    const note = `SENTINEL-NOTE-${randomUUID()}`;
    const body = referralBody({ cpr, note });
    body.citizen.name = name;

    const accepted = await http(api, 'POST', '/v1/referrals', { token: accessToken, body, headers: { 'x-request-id': 'trace-me-12345' } });
    expect(accepted.status).toBe(201);
    expect(accepted.headers['x-request-id']).toBe('trace-me-12345');
    const invalidCpr = `${cpr.slice(0, 2)}13${cpr.slice(4)}`; // month 13
    expect((await http(api, 'POST', '/v1/referrals', { token: accessToken, body: referralBody({ cpr: invalidCpr, note }) })).status).toBe(
      422,
    );
    expect((await http(api, 'POST', '/v1/referrals', { token: accessToken, body: { ...body, extra: cpr } })).status).toBe(400);
    expect((await http(api, 'POST', '/v1/referrals', { token: accessToken, rawBody: `{"citizen":{"cpr":"${cpr}"` })).status).toBe(400);
    expect((await http(api, 'GET', `/v1/referrals/${accepted.body.id}`, { token: accessToken })).status).toBe(200);
    // A CPR in a FHIR search's query string: neither the request log nor the answer's links repeat it.
    const search = await http(api, 'GET', `/fhir/Task?patient=${encodeURIComponent(`Patient?identifier=urn:oid:1.2.208.176.1.2|${cpr}`)}`, {
      token: accessToken,
    });
    expect(search.status).toBe(200);
    expect(decodeURIComponent(JSON.stringify(search.body))).not.toContain(cpr);
    await waitFor('the job to be relayed', async () => {
      const [row] = await ds.query("SELECT relayed_at FROM outbox WHERE payload->>'referralId' = $1", [accepted.body.id]);
      return row?.relayed_at != null;
    });

    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('"id":"trace-me-12345"'); // the request was logged, with its id
    expect(log.split('\n').filter((l) => l.includes('request completed')).length).toBeGreaterThanOrEqual(5);
    for (const secret of [cpr, `${cpr.slice(0, 6)}-${cpr.slice(6)}`, invalidCpr, name, note, accessToken]) {
      expect(log).not.toContain(secret);
    }
  });
});
