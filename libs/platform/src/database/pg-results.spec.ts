import { isDatabaseUnavailable, isUniqueViolation } from './pg-results';

describe('what PostgreSQL answers', () => {
  it('tells an unreachable database from a wrong request', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable({
        message: 'query failed',
        driverError: { code: '57P01', message: 'terminating connection due to administrator command' },
      }),
    ).toBe(true);
    expect(isDatabaseUnavailable({ message: 'query failed', driverError: { code: '23505' } })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it('recognises a unique violation, optionally of one constraint', () => {
    const err = { driverError: { code: '23505', constraint: 'citizen_cpr_hmac' } };
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(err, 'citizen_cpr_hmac')).toBe(true);
    expect(isUniqueViolation(err, 'other')).toBe(false);
  });
});
