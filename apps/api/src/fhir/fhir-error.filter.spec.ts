import type { ArgumentsHost } from '@nestjs/common';
import { FhirErrorFilter } from './fhir-error.filter';

/** What a FHIR client gets when a request meets PostgreSQL out of reach: a transient OperationOutcome, 503. */
describe('FhirErrorFilter', () => {
  function answer(exception: unknown) {
    const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
    const reply = {
      status(code: number) {
        sent.status = code;
        return reply;
      },
      header(name: string, value: string) {
        sent.headers[name] = value;
        return reply;
      },
      send(body: unknown) {
        sent.body = body;
        return reply;
      },
    };
    const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
    new FhirErrorFilter().catch(exception, host);
    return sent;
  }

  it('answers an unreachable database with 503, Retry-After and a transient issue', () => {
    const res = answer(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] });
  });

  it('answers anything else unexpected with 500 and no detail', () => {
    const res = answer(new TypeError('boom'));
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('boom');
  });
});
