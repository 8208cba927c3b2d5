import type { AppointmentRow } from './appointment.repository';

/** Only the first name: the SMS says who the citizen meets, not more about the staff member. */
export function firstName(displayName: string | null): string | null {
  return displayName?.trim().split(/\s+/)[0] || null;
}

/** "mandag 7. december kl. 10.00" in the municipality's time zone. */
export function danishTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('da-DK', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // Written Danish says "mandag den 7. december" (ICU leaves out the "den").
  const day = `${part('weekday')} den ${part('day')}. ${part('month')}`;
  const time = new Intl.DateTimeFormat('da-DK', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${day} kl. ${time.replace(':', '.')}`;
}

/**
 * The reminder SMS (ADR 0027): time, place and the brobygger's first name — nothing
 * about why the citizen meets them, in case someone else reads their phone.
 */
export function reminderText(
  a: Pick<AppointmentRow, 'startsAt' | 'placeName' | 'placeAddress' | 'placeKind' | 'placeText' | 'placeId'>,
  brobyggerName: string | null,
  timeZone: string,
): string {
  const who = firstName(brobyggerName) ?? 'din brobygger';
  const when = danishTime(a.startsAt, timeZone);
  if (a.placeKind === 'phone') return `Påmindelse: ${who} ringer til dig ${when}. Venlig hilsen ${who}`;
  if (a.placeKind === 'home') return `Påmindelse: ${who} besøger dig derhjemme ${when}. Venlig hilsen ${who}`;
  const place = a.placeId ? [a.placeName, a.placeAddress].filter(Boolean).join(', ') : a.placeText;
  return `Påmindelse: Du skal mødes med ${who} ${when}, ${place}. Venlig hilsen ${who}`;
}
