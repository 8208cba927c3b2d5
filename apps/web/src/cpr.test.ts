import { describe, expect, it } from 'vitest';
import { cprLooksValid, maskCpr } from './cpr';

describe('CPR as typed', () => {
  it('wants ten digits whose first six are a date, with or without the dash', () => {
    expect(cprLooksValid('0101451234')).toBe(true);
    expect(cprLooksValid('010145-1234')).toBe(true);
    expect(cprLooksValid('2902001234')).toBe(true);
    expect(cprLooksValid('3102451234')).toBe(false); // 31 February
    expect(cprLooksValid('0113451234')).toBe(false); // month 13
    expect(cprLooksValid('010145123')).toBe(false);
    expect(cprLooksValid('01014512345')).toBe(false);
    expect(cprLooksValid('01O1451234')).toBe(false);
  });

  it('masks the serial number', () => {
    expect(maskCpr('010145-1234')).toBe('010145-****');
  });
});
