import { maskCprShapes } from '@bro/platform';

/** A whole id as Bro makes them. Its hex may hold ten digits in a row, which are not a CPR number. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An error's details with CPR shapes masked. Field paths are made of the keys that were
 * sent, so a CPR number used as a key is masked like one in a URL. A value that is a whole
 * UUID (`openCase`, an id Bro made) stays as it is: about one id in forty has ten digits in
 * a row, and masking them broke the link to the case the error names.
 */
export function maskedDetails(value: unknown): unknown {
  if (typeof value === 'string') return UUID.test(value) ? value : maskCprShapes(value);
  if (Array.isArray(value)) return value.map(maskedDetails);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskCprShapes(k), maskedDetails(v)]));
  return value;
}
