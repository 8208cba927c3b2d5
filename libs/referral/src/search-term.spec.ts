import { searchTerm } from './referral-views.service';

describe('searchTerm (the case list’s q, ADR 0024)', () => {
  it('reads digits as a phone fragment and anything else as a name fragment', () => {
    expect(searchTerm(' 20 12 34 ')).toEqual({ kind: 'phone', value: '201234' });
    expect(searchTerm('+45 20123456')).toEqual({ kind: 'phone', value: '4520123456' });
    expect(searchTerm('+4520123456')).toEqual({ kind: 'phone', value: '4520123456' });
    expect(searchTerm('Søren Å')).toEqual({ kind: 'name', value: 'Søren Å' });
    expect(searchTerm('Anna 2')).toEqual({ kind: 'name', value: 'Anna 2' });
  });

  it('refuses a CPR number, with or without the dash, alone or in words, without repeating it', () => {
    for (const q of ['0101451234', '010145-1234', '010145 1234', 'borger 0101451234', '0101451234x']) {
      expect(() => searchTerm(q)).toThrow(/POST \/v1\/referrals\/search/);
      try {
        searchTerm(q);
      } catch (err) {
        expect(JSON.stringify(err)).not.toContain('1234');
      }
    }
  });
});
