import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A plain token: letters, digits and . _ : - (no spaces, no @, no +), at most 64 characters. */
const TOKEN = /^[A-Za-z0-9._:-]{1,64}$/;
/** A CPR number's shape, with or without the dash, anywhere in the id. */
const CPR_SHAPE = /\d{6}-?\d{4}/;
/** Eight or more digits, singly separated or not: a phone number, a CPR without its dash, an account number. */
const LONG_NUMBER = /\d(?:[-._:]?\d){7,}/;

/**
 * Whether a client's X-Request-Id may be kept. It travels into every log line, job
 * payload in Redis and the append-only audit log, so it must not be able to carry
 * personal data: only a conservative token shape with no CPR-like or phone-like
 * digit run. A UUID that happens to hold such a run is replaced too (the response's
 * X-Request-Id always says which id was used).
 */
export function isSafeRequestId(id: string): boolean {
  return TOKEN.test(id) && !CPR_SHAPE.test(id) && !LONG_NUMBER.test(id);
}

/** A caller's X-Request-Id is kept when it is safe to repeat everywhere; otherwise a new one. */
export function requestIdFor(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && isSafeRequestId(given) ? given : randomUUID();
}

/** A CPR number's shape standing alone (not inside a longer number such as a timestamp). */
const CPR_IN_TEXT = /(?<!\d)\d{6}-?\d{4}(?!\d)/g;
export const CPR_MASK = '******-****';

/**
 * Text with every CPR-shaped number masked, for what the logs or an error repeat of
 * a URL (`/v1/referrals/0101451234` → `/v1/referrals/******-****`). Percent-encoded
 * dashes are decoded first so `010145%2D1234` is caught as well.
 */
export function maskCprShapes(text: string): string {
  return text.replace(/%2d/gi, '-').replace(CPR_IN_TEXT, CPR_MASK);
}

/** The secret part of a hand-off or offer-check link (issue 16): a bearer credential, so never logged. */
const LINK_TOKEN_IN_PATH = /(\/(?:v|v1\/handover|v1\/offer-check|tjek)\/)[^/?#]+/g;

/** A request path as the logs may show it: CPR shapes and link tokens masked. */
export function loggablePath(path: string): string {
  return maskCprShapes(path).replace(LINK_TOKEN_IN_PATH, '$1***');
}
