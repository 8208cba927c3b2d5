const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A quick check as the GP types (10 digits, the first six a date); the server
 * validates again and is the judge (422 otherwise).
 */
export function cprLooksValid(input: string): boolean {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^[0-9]{10}$/.test(digits)) return false;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1];
}

/** DDMMYY-****: how a CPR number is shown once saved. */
export function maskCpr(input: string): string {
  return `${input.replace(/[\s-]/g, '').slice(0, 6)}-****`;
}
