import { maskedDetails } from './masked-details';

describe('maskedDetails', () => {
  it('keeps a whole UUID whose last group holds ten digits in a row (an id, not a CPR number)', () => {
    const id = '0d209a65-86dc-4496-b69c-4657463891b0';
    expect(maskedDetails({ openCase: id, ids: [id] })).toEqual({ openCase: id, ids: [id] });
  });

  it('masks a CPR number in a key, in a value and inside a longer text', () => {
    expect(maskedDetails({ '0101451234': 'x', field: 'cpr 010145-1234', nested: ['0101451234'] })).toEqual({
      '******-****': 'x',
      field: 'cpr ******-****',
      nested: ['******-****'],
    });
  });
});
