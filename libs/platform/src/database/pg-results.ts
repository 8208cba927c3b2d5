/** Helpers for what PostgreSQL (through TypeORM) answers: known conflicts, returned rows. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } } | null;
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}

/**
 * The rows an UPDATE … RETURNING gave back. TypeORM's `query()` answers an UPDATE
 * with `[rows, rowCount]` but an INSERT or SELECT with the rows alone.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** Socket errors and PostgreSQL's "shutting down / cannot connect now / connection failure" states. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const UNAVAILABLE_MESSAGE =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|client has encountered a connection error/i;

/**
 * Whether a failure means PostgreSQL is out of reach for the moment (restart,
 * network) rather than that the request or the code is wrong: the api answers 503,
 * which a client may retry with the same Idempotency-Key.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; driverError?: { code?: unknown; message?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = e?.driverError?.message ?? e?.message;
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}
