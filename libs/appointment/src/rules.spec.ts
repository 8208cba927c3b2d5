import { WorkingDayCalendar } from '@bro/platform';
import { overlapping, reminderWindow, withinAbsence } from './rules';

const cph = WorkingDayCalendar.for('Europe/Copenhagen');
const at = (iso: string) => new Date(iso);

describe('appointment rules', () => {
  const booked = [{ id: 'a', startsAt: at('2026-12-01T09:00:00Z'), endsAt: at('2026-12-01T10:00:00Z') }];

  it('finds an overlapping appointment, but not one back to back', () => {
    expect(overlapping(booked, at('2026-12-01T09:30:00Z'), at('2026-12-01T10:30:00Z'))?.id).toBe('a');
    expect(overlapping(booked, at('2026-12-01T08:00:00Z'), at('2026-12-01T11:00:00Z'))?.id).toBe('a');
    expect(overlapping(booked, at('2026-12-01T10:00:00Z'), at('2026-12-01T11:00:00Z'))).toBeUndefined();
    expect(overlapping(booked, at('2026-12-01T08:00:00Z'), at('2026-12-01T09:00:00Z'))).toBeUndefined();
  });

  it('reads an absence in local dates, inclusive, either end open', () => {
    const absence = { from: '2026-12-07', to: '2026-12-11' };
    // 00:30 Copenhagen on the 7th is still the 6th in UTC.
    expect(withinAbsence(cph, absence, at('2026-12-06T23:30:00Z'), at('2026-12-07T00:30:00Z'))).toBe(true);
    expect(withinAbsence(cph, absence, at('2026-12-11T21:00:00Z'), at('2026-12-11T22:00:00Z'))).toBe(true); // 23:00 on the 11th
    expect(withinAbsence(cph, absence, at('2026-12-11T23:00:00Z'), at('2026-12-12T00:00:00Z'))).toBe(false); // the 12th
    expect(withinAbsence(cph, { from: '2026-12-07', to: null }, at('2027-03-01T09:00:00Z'), at('2027-03-01T10:00:00Z'))).toBe(true);
    expect(withinAbsence(cph, { from: null, to: null }, at('2026-12-08T09:00:00Z'), at('2026-12-08T10:00:00Z'))).toBe(false);
  });

  it('reminds on the working day before: Friday covers the weekend and Monday; nothing on a day off', () => {
    // Friday 4 December 2026, 10:00 in Copenhagen.
    const friday = reminderWindow(cph, at('2026-12-04T09:00:00Z'))!;
    expect(friday.from.toISOString()).toBe('2026-12-04T23:00:00.000Z'); // Saturday 00:00
    expect(friday.to.toISOString()).toBe('2026-12-07T23:00:00.000Z'); // Tuesday 00:00
    expect(reminderWindow(cph, at('2026-12-05T09:00:00Z'))).toBeNull(); // Saturday
    // Wednesday 23 December: the 24th is a working day; Christmas Day and Boxing Day are holidays.
    const beforeChristmas = reminderWindow(cph, at('2026-12-23T09:00:00Z'))!;
    expect(beforeChristmas.to.toISOString()).toBe('2026-12-24T23:00:00.000Z');
  });
});
