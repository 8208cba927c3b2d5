import { cprBirthDate, maskCpr, normaliseCpr } from './cpr';

describe('CPR numbers', () => {
  it.each([
    ['0101451234', '0101451234'],
    ['010145-1234', '0101451234'],
    [' 3112991234 ', '3112991234'],
  ])('accepts %s', (input, expected) => {
    expect(normaliseCpr(input)).toBe(expected);
  });

  it.each([
    ['3102451234', 'no 31 February'],
    ['0013451234', 'no month 13'],
    ['0000451234', 'no day 0'],
    ['010145123', 'nine digits'],
    ['01014512345', 'eleven digits'],
    ['0101-451234', 'hyphen in the wrong place'],
    ['01o1451234', 'a letter'],
    ['', 'empty'],
  ])('rejects %s (%s)', (input) => {
    expect(normaliseCpr(input)).toBeNull();
  });

  it('uses the seventh digit for the century, so leap days are judged in the right year', () => {
    // 29 Feb 2000 is real (digit 4, yy 00 → 2000); 29 Feb 1900 is not (digit 0 → 1900).
    expect(normaliseCpr('2902004123')).toBe('2902004123');
    expect(normaliseCpr('2902000123')).toBeNull();
    // Digits 5–8 with yy ≥ 58 are the 1800s.
    expect(cprBirthDate('0101585123')?.getUTCFullYear()).toBe(1858);
    expect(cprBirthDate('0101575123')?.getUTCFullYear()).toBe(2057);
    expect(cprBirthDate('0101379123')?.getUTCFullYear()).toBe(1937);
    expect(cprBirthDate('0101369123')?.getUTCFullYear()).toBe(2036);
  });

  it('masks all but the birth date', () => {
    expect(maskCpr('0101451234')).toBe('010145-****');
  });
});
