import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { IMMUTABLE, serveWebApp } from '../apps/api/src/http/web-app';
import { bootApi, caller, createArea, createBrobygger, createMunicipality, createUser, http, referralBody, TestUser } from './kit';

/**
 * Every 4xx carries stable machine codes (ADR 0025, docs/error-codes.md): one for the
 * kind of failure (`code`) and one or more per field problem (`details[].codes` for
 * the 400 of the validation pipe, `details.code` for a domain rule's 422), beside the
 * English texts, which stay as they were. The web app shows Danish from these codes.
 */
describe('machine codes in error bodies (e2e)', () => {
  let api: NestFastifyApplication;
  let call: ReturnType<typeof caller>;
  let gp: TestUser;
  let brobygger: TestUser & { brobyggerId: string };

  beforeAll(async () => {
    api = await bootApi();
    const ds = api.get(DataSource);
    call = caller(api);
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    brobygger = await createBrobygger(ds, m, [area], 20);
    gp = await createUser(ds, m, 'referrer');
  });
  afterAll(() => api.close());

  const codesOf = (details: { field: string; codes: string[] }[]) => Object.fromEntries(details.map((d) => [d.field, d.codes]));

  it('names each missing field of an empty referral `required`, beside the English problems', async () => {
    const res = await call(gp, 'POST', '/v1/referrals', {});
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'invalid_request', message: expect.any(String) });
    expect(codesOf(res.body.details)).toMatchObject({ citizen: ['required'], reasons: ['required'] });
    for (const d of res.body.details) expect(d.problems.length).toBeGreaterThan(0);

    const blank = await call(gp, 'POST', '/v1/referrals', {
      citizen: { cpr: '', name: '', address: { street: '', postcode: '', city: '' } },
      reasons: [],
      consent: { method: 'verbal' },
    });
    expect(blank.status).toBe(400);
    expect(codesOf(blank.body.details)).toMatchObject({
      'citizen.name': ['required'],
      'citizen.address.street': ['required'],
      'citizen.address.postcode': ['required'],
      'citizen.address.city': ['required'],
      reasons: ['required'],
    });
  });

  it('tells a value that is too long, a bad postcode, phone, e-mail, choice and an unknown field apart', async () => {
    const body = referralBody();
    const res = await call(gp, 'POST', '/v1/referrals', {
      ...body,
      citizen: { ...body.citizen, name: 'x'.repeat(201), phone: '12', email: 'nope', address: { ...body.citizen.address, postcode: '40' } },
      reasons: ['loneliness', 'flying'],
      colour: 'blue',
    });
    expect(res.status).toBe(400);
    expect(codesOf(res.body.details)).toMatchObject({
      'citizen.name': ['too_long'],
      'citizen.phone': ['invalid_phone'],
      'citizen.email': ['invalid_email'],
      'citizen.address.postcode': ['invalid_postcode'],
      reasons: ['invalid_choice'],
      colour: ['unknown_field'],
    });
    expect(JSON.stringify(res.body)).not.toContain('xxxxxxxx'); // the value itself is never echoed
  });

  it('answers a domain rule with a 422 coded per field: missing consent, an invalid CPR, a date in the future', async () => {
    const noConsent = await call(gp, 'POST', '/v1/referrals', referralBody({ consent: { referral: false, method: 'verbal' } }));
    expect(noConsent.status).toBe(422);
    expect(noConsent.body).toMatchObject({ code: 'rule_violation', details: { field: 'consent.referral', code: 'consent_required' } });

    const badCpr = await call(gp, 'POST', '/v1/referrals', referralBody({ cpr: '3213451234' }));
    expect(badCpr.status).toBe(422);
    expect(badCpr.body).toMatchObject({ code: 'rule_violation', details: { field: 'citizen.cpr', code: 'invalid_cpr' } });

    const created = await call(gp, 'POST', '/v1/referrals', referralBody());
    expect(created.status).toBe(201);
    const when = await call(brobygger, 'POST', `/v1/referrals/${created.body.id}/conversations`, {
      heldAt: '2026-02-30T10:00:00Z',
      kind: 'first',
    });
    expect(when.status).toBe(400);
    expect(codesOf(when.body.details)).toMatchObject({ heldAt: ['invalid_date'] });
  });

  it('gives every other 4xx a code too: unauthenticated, forbidden, not found, bad JSON', async () => {
    expect((await http(api, 'GET', '/v1/referrals')).body).toMatchObject({ statusCode: 401, code: 'unauthenticated' });
    expect((await call(gp, 'GET', '/v1/users')).body).toMatchObject({ statusCode: 403, code: 'forbidden' });
    expect((await call(gp, 'GET', '/v1/referrals/00000000-0000-4000-8000-000000000000')).body).toMatchObject({
      statusCode: 404,
      code: 'not_found',
    });
    const broken = await http(api, 'POST', '/v1/auth/dev-token', { rawBody: '{"username":' });
    expect(broken.body).toMatchObject({ statusCode: 400, code: 'invalid_request' });
  });

  it('documents the codes in the OpenAPI document', async () => {
    const doc = (await http(api, 'GET', '/docs-json')).body;
    expect(JSON.stringify(doc.components.schemas.ErrorBody)).toContain('invalid_cpr');
  });
});

describe('delivery of the web app (e2e)', () => {
  @Module({})
  class Empty {}
  let app: NestFastifyApplication;
  let root: string;
  const script = `export const words = ${JSON.stringify('Opfølgninger '.repeat(500))};\n`;

  beforeAll(async () => {
    // A build as Vite leaves it: hashed assets with .br and .gz beside them, index.html, a favicon.
    root = mkdtempSync(join(tmpdir(), 'bro-web-'));
    mkdirSync(join(root, 'assets'));
    const html = `<!doctype html><title>Bro</title><script type="module" src="/assets/index-AbC123xy.js"></script>${' '.repeat(2000)}`;
    for (const [name, text] of [
      ['index.html', html],
      ['assets/index-AbC123xy.js', script],
    ]) {
      writeFileSync(join(root, name), text);
      writeFileSync(join(root, `${name}.br`), brotliCompressSync(text));
      writeFileSync(join(root, `${name}.gz`), gzipSync(text));
    }
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await NestFactory.create<NestFastifyApplication>(Empty, new FastifyAdapter(), { logger: false });
    await serveWebApp(app, root);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) =>
    app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends hashed files brotli- or gzip-compressed and cacheable for a year', async () => {
    const br = await get('/assets/index-AbC123xy.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);

    const gz = await get('/assets/index-AbC123xy.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get('/assets/index-AbC123xy.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('has index.html and the favicon revalidated, for the app and for its deep links', async () => {
    for (const url of ['/', '/sager/123', '/index.html']) {
      const res = await get(url, 'br');
      expect({ url, status: res.statusCode, cache: res.headers['cache-control'] }).toEqual({ url, status: 200, cache: 'no-cache' });
      expect(res.headers['content-encoding']).toBe('br');
    }
    const icon = await get('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });
});
