import pino from 'pino';
import { Writable } from 'node:stream';
import { REDACTED, REDACT_PATHS, safeError } from './redaction';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ redact: { paths: REDACT_PATHS, censor: REDACTED } }, stream), lines };
}

describe('log redaction', () => {
  it('redacts personal fields at the depths Bro logs them', () => {
    const { logger, lines } = capture();
    logger.info({
      citizen: { cpr: '0101451234', name: 'Inger Jensen', phone: '+4520123456', address: { street: 'Algade 1' } },
      body: { citizen: { cpr: '0101451234' }, note: 'SENTINEL-NOTE' },
      req: { headers: { authorization: 'Bearer abc.def.ghi' } },
      referralId: 'kept-id',
    });
    const out = lines.join('');
    for (const secret of ['0101451234', 'Inger Jensen', '+4520123456', 'Algade 1', 'SENTINEL-NOTE', 'abc.def.ghi']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('kept-id');
    expect(out).toContain(REDACTED);
  });

  it('drops SQL parameters and key details from database errors', () => {
    const err = Object.assign(new Error('duplicate key value violates unique constraint'), {
      name: 'QueryFailedError',
      parameters: ['0101451234', 'Inger Jensen'],
      driverError: { code: '23505', constraint: 'citizen_pkey', detail: 'Key (cpr)=(0101451234) already exists.' },
    });
    const out = JSON.stringify(safeError(err));
    expect(out).not.toContain('0101451234');
    expect(out).not.toContain('Inger');
    expect(safeError(err)).toMatchObject({ type: 'QueryFailedError', code: '23505', constraint: 'citizen_pkey' });
  });
});
