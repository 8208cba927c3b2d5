import { WorkingDayCalendar } from './working-days';

const cal = new WorkingDayCalendar();

describe('WorkingDayCalendar (Denmark, Europe/Copenhagen)', () => {
  it('skips weekends and public holidays, not observances', () => {
    expect(cal.isWorkingDay('2026-11-20')).toBe(true); // Friday
    expect(cal.isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-04-02')).toBe(false); // Skærtorsdag
    expect(cal.isWorkingDay('2026-05-14')).toBe(false); // Kristi Himmelfartsdag
    expect(cal.isWorkingDay('2026-12-25')).toBe(false); // Juledag
    expect(cal.isWorkingDay('2026-06-05')).toBe(true); // Grundlovsdag is an observance
    expect(cal.isWorkingDay('2025-05-16')).toBe(true); // Store Bededag, abolished from 2024
  });

  it('adds working days across a weekend and Easter, keeping the local time', () => {
    // Friday 20 Nov 2026 10:00 local + 3 working days = Wednesday 25 Nov 10:00 local.
    expect(cal.addWorkingDays(new Date('2026-11-20T09:00:00Z'), 3).toISOString()).toBe('2026-11-25T09:00:00.000Z');
    // Wednesday 1 April 2026 + 3 working days: Thu 2 (holiday), Fri 3 (holiday), Mon 6 (holiday) → Tue 7, Wed 8, Thu 9.
    expect(cal.localDate(cal.addWorkingDays(new Date('2026-04-01T08:00:00Z'), 3))).toBe('2026-04-09');
  });

  it('keeps the wall-clock time across the change to summer time', () => {
    // Friday 27 March 2026 09:00 CET (08:00Z) + 1 working day = Monday 30 March 09:00 CEST (07:00Z).
    expect(cal.addWorkingDays(new Date('2026-03-27T08:00:00Z'), 1).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('uses the local date: 23:30 UTC on a Friday is already Saturday in Copenhagen', () => {
    expect(cal.localDate(new Date('2026-11-20T23:30:00Z'))).toBe('2026-11-21');
  });

  it('gives the local day as instants, 23 hours long when summer time starts', () => {
    expect(cal.dayOf(new Date('2026-11-22T12:00:00Z'))).toEqual({
      start: new Date('2026-11-21T23:00:00Z'),
      end: new Date('2026-11-22T23:00:00Z'),
    });
    const spring = cal.dayOf(new Date('2026-03-29T12:00:00Z'));
    expect((spring.end.getTime() - spring.start.getTime()) / 3600_000).toBe(23);
  });

  it('counts working days between two instants', () => {
    expect(cal.workingDaysBetween(new Date('2026-11-16T10:00:00Z'), new Date('2026-11-23T10:00:00Z'))).toBe(5); // Mon → next Mon
    expect(cal.workingDaysBetween(new Date('2026-11-23T10:00:00Z'), new Date('2026-11-16T10:00:00Z'))).toBe(0);
    expect(cal.workingDaysBetween(new Date('2026-12-23T10:00:00Z'), new Date('2026-12-28T10:00:00Z'))).toBe(2); // 24th, 28th
  });
});
