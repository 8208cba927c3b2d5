import { firstName, reminderText } from './reminder-text';

describe('reminder text', () => {
  const base = { startsAt: new Date('2026-12-07T09:00:00Z'), placeId: 'p', placeText: null };
  it('says time, place and the brobygger’s first name in Danish, in the municipality’s time', () => {
    expect(
      reminderText(
        { ...base, placeName: 'Havehuset', placeAddress: 'Havevej 1, 4000 Roskilde', placeKind: 'venue' },
        'Mette Brobygger',
        'Europe/Copenhagen',
      ),
    ).toBe(
      'Påmindelse: Du skal mødes med Mette mandag den 7. december kl. 10.00, Havehuset, Havevej 1, 4000 Roskilde. Venlig hilsen Mette',
    );
    expect(
      reminderText({ ...base, placeName: 'Telefon', placeAddress: null, placeKind: 'phone' }, 'Mette B', 'Europe/Copenhagen'),
    ).toContain('Mette ringer til dig');
  });
  it('keeps only the first name', () => {
    expect(firstName('  Mette  Hansen ')).toBe('Mette');
    expect(firstName(null)).toBeNull();
  });
});
