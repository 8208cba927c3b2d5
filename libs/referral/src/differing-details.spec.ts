import { CitizenDetails, differingDetails } from './referral.repository';

const onFile: CitizenDetails = {
  name: 'Inger Jensen',
  phone: '+4520123456',
  email: 'inger@example.dk',
  street: 'Algade 1',
  postcode: '4000',
  city: 'Roskilde',
  language: 'da',
  contactPreferences: { preferred: 'phone', doNotContactBy: ['sms', 'letter'] },
};
const given = (over: Partial<CitizenDetails>): CitizenDetails => ({ ...onFile, ...over });

describe('the details a later referral reported (ADR 0014)', () => {
  it('finds no difference in the same details, nor in spacing, case of e-mail and city, or order of channels', () => {
    expect(differingDetails(onFile, onFile)).toBeNull();
    expect(
      differingDetails(
        onFile,
        given({
          name: ' Inger Jensen ',
          phone: '+45 20 12 34 56',
          email: 'INGER@example.dk',
          city: 'roskilde',
          contactPreferences: { preferred: 'phone', doNotContactBy: ['letter', 'sms'] },
        }),
      ),
    ).toBeNull();
  });

  it('takes a field left out as no difference', () => {
    expect(differingDetails(onFile, given({ phone: null, email: null, language: null, contactPreferences: null }))).toBeNull();
  });

  it('keeps only the fields that differ, the address as one', () => {
    expect(differingDetails(onFile, given({ name: 'Inger Hansen', postcode: '4040' }))).toEqual({
      name: 'Inger Hansen',
      street: 'Algade 1',
      postcode: '4040',
      city: 'Roskilde',
    });
    expect(differingDetails(onFile, given({ phone: '+4531313131', language: 'en' }))).toEqual({ phone: '+4531313131', language: 'en' });
    expect(differingDetails({ ...onFile, phone: null }, given({}))).toEqual({ phone: '+4520123456' });
  });
});
