import { WorkingDayCalendar } from '@bro/platform';

export interface Booked {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

/** The first booked appointment that overlaps [startsAt, endsAt) — back to back is no overlap. */
export function overlapping<T extends Booked>(others: readonly T[], startsAt: Date, endsAt: Date): T | undefined {
  return others.find((o) => o.startsAt < endsAt && startsAt < o.endsAt);
}

/**
 * Whether [startsAt, endsAt) touches a registered absence (local dates, both ends
 * inclusive, either end open) in the municipality's time zone.
 */
export function withinAbsence(
  calendar: WorkingDayCalendar,
  absence: { from: string | null; to: string | null },
  startsAt: Date,
  endsAt: Date,
): boolean {
  if (!absence.from && !absence.to) return false;
  const first = calendar.localDate(startsAt);
  const last = calendar.localDate(new Date(endsAt.getTime() - 1));
  return (!absence.from || last >= absence.from) && (!absence.to || first <= absence.to);
}

/**
 * The appointments a reminder goes out for today (ADR 0027): on a working day, those
 * on the days up to and including the next working day — so on a Friday, Saturday's,
 * Sunday's and Monday's. Nothing goes out on a day off; an appointment booked after its
 * reminder day gets none (the brobygger just spoke with the citizen). Returns the
 * window [from, to) of start times, or null on a day off.
 */
export function reminderWindow(calendar: WorkingDayCalendar, now: Date): { from: Date; to: Date } | null {
  if (!calendar.isWorkingDay(calendar.localDate(now))) return null;
  return { from: calendar.dayOf(now).end, to: calendar.dayOf(calendar.addWorkingDays(now, 1)).end };
}
