import Holidays from 'date-holidays';

/**
 * Working days for deadlines: Monday to Friday, less the country's official public
 * holidays (date-holidays, type "public"), judged on the local date in the
 * municipality's time zone. Observances (Grundlovsdag, 24 December) are working days
 * here; a municipality that closes on them would need a list of its own.
 */
export class WorkingDayCalendar {
  private static readonly byZone = new Map<string, WorkingDayCalendar>();

  /** One calendar per time zone, built once (holiday tables are cached inside). */
  static for(timeZone: string): WorkingDayCalendar {
    let calendar = WorkingDayCalendar.byZone.get(timeZone);
    if (!calendar) WorkingDayCalendar.byZone.set(timeZone, (calendar = new WorkingDayCalendar(timeZone)));
    return calendar;
  }

  private readonly holidays: Holidays;
  private readonly byYear = new Map<number, Set<string>>();
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly wallFormat: Intl.DateTimeFormat;

  constructor(
    readonly timeZone = 'Europe/Copenhagen',
    country = 'DK',
  ) {
    this.holidays = new Holidays(country);
    this.dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    this.wallFormat = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** The local date (YYYY-MM-DD) of an instant. */
  localDate(instant: Date): string {
    return this.dateFormat.format(instant);
  }

  isWorkingDay(localDate: string): boolean {
    const weekday = new Date(`${localDate}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    return !this.publicHolidays(Number(localDate.slice(0, 4))).has(localDate);
  }

  /** Working days after the local date of `from`, up to and including that of `to` (0 if `to` is not later). */
  workingDaysBetween(from: Date, to: Date): number {
    let day = this.localDate(from);
    const end = this.localDate(to);
    let count = 0;
    while (day < end) {
      day = nextDate(day);
      if (this.isWorkingDay(day)) count += 1;
    }
    return count;
  }

  /**
   * The instant `n` working days after `from`, at the same local wall-clock time
   * (so a deadline set at 10:00 falls due at 10:00, across daylight-saving changes).
   */
  addWorkingDays(from: Date, n: number): Date {
    let day = this.localDate(from);
    for (let added = 0; added < n;) {
      day = nextDate(day);
      if (this.isWorkingDay(day)) added += 1;
    }
    const wall = this.wall(from);
    return this.instantOf(day, wall.slice(11));
  }

  /** The local day an instant falls on, as the instants [start, end) — 23 or 25 hours long on DST days. */
  dayOf(instant: Date): { start: Date; end: Date } {
    const date = this.localDate(instant);
    return { start: this.instantOf(date, '00:00:00'), end: this.instantOf(nextDate(date), '00:00:00') };
  }

  private publicHolidays(year: number): Set<string> {
    let set = this.byYear.get(year);
    if (!set) {
      set = new Set(
        this.holidays
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10)),
      );
      this.byYear.set(year, set);
    }
    return set;
  }

  /** `YYYY-MM-DD HH:MM:SS` on the local clock. */
  private wall(instant: Date): string {
    const p = Object.fromEntries(this.wallFormat.formatToParts(instant).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  }

  /** The instant at which the local clock shows `date time` (the first, if the hour repeats). */
  private instantOf(date: string, time: string): Date {
    const asUtc = Date.parse(`${date}T${time}Z`);
    let guess = asUtc;
    for (let i = 0; i < 3; i++) {
      const offset = Date.parse(`${this.wall(new Date(guess)).replace(' ', 'T')}Z`) - guess;
      guess = asUtc - offset;
    }
    return new Date(guess);
  }
}

function nextDate(localDate: string): string {
  const d = new Date(`${localDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
