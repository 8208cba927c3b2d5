import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FhirValidator } from '@bro/fhir';
import { DataSource } from 'typeorm';
import { bootApi, caller, createMunicipality, createUser, fhirReferralBundle, http, TestUser } from './kit';

describe('FHIR R4 (e2e)', () => {
  let api: NestFastifyApplication;
  let ds: DataSource;
  let call: ReturnType<typeof caller>;
  let validator: FhirValidator;
  let m: string;
  let gp: TestUser;

  beforeAll(async () => {
    api = await bootApi();
    ds = api.get(DataSource);
    call = caller(api);
    validator = api.get(FhirValidator);
    m = await createMunicipality(ds);
    gp = await createUser(ds, m, 'referrer');
  });
  afterAll(() => api.close());

  it('smoke', async () => {
    const res = await call(gp, 'POST', '/fhir', fhirReferralBundle());
    console.log(res.status, res.headers['content-type'], JSON.stringify(res.body));
    const task = await call(gp, 'GET', `/fhir/${res.body.entry[3].response.location}`);
    console.log(task.status, JSON.stringify(task.body));
    console.log(JSON.stringify(validator.validate(task.body)));
    const meta = await http(api, 'GET', '/fhir/metadata');
    console.log(meta.status, meta.headers['content-type']);
    const bad = await call(gp, 'POST', '/fhir', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: { resourceType: 'Task', status: 'bogus' } }],
    });
    console.log(bad.status, JSON.stringify(bad.body));
  });
});
