import { maskCprShapes } from './request-id';

/**
 * Personal fields never reach a log line. Pino's redaction works by path, so each
 * field is listed at the depths where Bro's objects put it (a citizen on a body, a
 * body on a request, ...). Values are replaced, keys stay, so a log still shows the
 * shape of what happened.
 */
export const PERSONAL_FIELDS = [
  'cpr',
  'name',
  'firstName',
  'phone',
  'email',
  'address',
  'street',
  'note',
  'notes',
  'summary',
  'reason',
  'description',
] as const;

const DEPTHS = ['', '*.', '*.*.', '*.*.*.', '*.*.*.*.'];

export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'res.headers["set-cookie"]',
  ...PERSONAL_FIELDS.flatMap((field) => DEPTHS.map((prefix) => `${prefix}${field}`)),
];

export const REDACTED = '[redacted]';

/**
 * Error serializer that keeps what helps debugging and drops what can hold personal
 * data: database errors carry the SQL parameters and a `detail` echoing key values.
 */
export function safeError(err: unknown): Record<string, unknown> {
  // Duck-typed, not instanceof: an Error from another realm (a vm context, as under Jest) is still an error.
  const looksLikeError = typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string';
  if (!looksLikeError) {
    return { message: typeof err === 'string' || typeof err === 'number' ? String(err) : `a non-Error ${typeof err} was thrown` };
  }
  const e = err as Error & { code?: unknown; constraint?: unknown; driverError?: { code?: unknown; constraint?: unknown } };
  return {
    type: e.name,
    message: e.name === 'QueryFailedError' ? 'database query failed' : maskCprShapes(e.message),
    code: e.code ?? e.driverError?.code,
    constraint: e.constraint ?? e.driverError?.constraint,
    stack: e.stack?.split('\n').slice(1, 8).join('\n'),
  };
}
